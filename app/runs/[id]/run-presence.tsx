"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/lib/queries/keys";
import type { PresenceWatcher } from "./use-run-events";
import { useRun } from "./use-run";

// Who is on this run right now: the commander (who started it) and everyone with the page open.
// The list arrives as `presence` events on the run's stream (use-run-events.ts writes it into the
// cache); the first render asks the presence route.

async function fetchPresence(runId: string, signal: AbortSignal): Promise<PresenceWatcher[]> {
  const res = await fetch(`/api/runs/${encodeURIComponent(runId)}/presence`, { signal, cache: "no-store" });
  if (!res.ok) return [];
  return ((await res.json()) as { watchers: PresenceWatcher[] }).watchers;
}

function initials(name: string): string {
  const parts = name.split(/[\s._-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts[1]?.[0] ?? "")).toUpperCase();
}

function hue(name: string): number {
  let h = 0;
  for (const c of name) h = (h * 31 + (c.codePointAt(0) ?? 0)) % 360;
  return h;
}

function Avatar({ name, commander }: { name: string; commander: boolean }) {
  return (
    <span
      title={commander ? `${name} (commander)` : name}
      aria-hidden="true"
      className={`inline-flex h-7 w-7 items-center justify-center rounded-full text-xs font-semibold text-white ${commander ? "ring-2 ring-amber-400" : ""}`}
      style={{ backgroundColor: `hsl(${hue(name)} 55% 40%)` }}
    >
      {initials(name)}
    </span>
  );
}

export function RunPresence() {
  const { runId, view, me } = useRun();
  const queryClient = useQueryClient();
  const { data: watchers = [] } = useQuery({
    queryKey: queryKeys.runPresence(runId),
    queryFn: async ({ signal }) => {
      const fetched = await fetchPresence(runId, signal);
      // The stream's presence event may have landed meanwhile, and it is the newer list.
      return queryClient.getQueryData<PresenceWatcher[]>(queryKeys.runPresence(runId)) ?? fetched;
    },
    staleTime: Infinity,
  });
  const commander = view.startedBy;
  return (
    <div data-testid="run-presence" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
      {commander ? (
        <span className="flex items-center gap-1.5" data-testid="run-commander">
          <Avatar name={commander} commander />
          <span>
            <span className="text-slate-500">Commander</span> <span className="font-medium">{commander}</span>
          </span>
        </span>
      ) : null}
      <span className="flex items-center gap-1.5">
        <span className="text-slate-500">Watching now</span>
        <ul aria-label="Watching now" className="flex items-center gap-1">
          {watchers.map((w) => (
            <li key={w.name} data-testid="watcher" data-name={w.name} className="flex items-center gap-1">
              <Avatar name={w.name} commander={false} />
              <span className="text-xs">
                {w.name}
                {w.connections > 1 ? <span className="text-slate-500"> ×{w.connections}</span> : null}
              </span>
            </li>
          ))}
        </ul>
      </span>
      <span className="text-xs text-slate-500" data-testid="presence-me">
        You are {me.label}
      </span>
    </div>
  );
}
