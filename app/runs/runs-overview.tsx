"use client";

import Link from "next/link";
import type { OverviewRun } from "@/lib/runs/list-runs";
import { ActiveRunCard } from "./active-run-card";
import { Elapsed } from "./[id]/elapsed";
import { formatDateTime } from "./[id]/format-time";
import { RunStatusBadge } from "./[id]/step-status";
import { useRunsOverview, type OverviewConnection } from "./use-runs-overview";

// The runs overview, live: runs in progress as cards on top, every run in the table below. Both
// follow /api/runs/stream, so a run started, a step finishing or a run ending shows without a reload.

const CONNECTION: Record<OverviewConnection, { text: string; className: string }> = {
  connecting: { text: "connecting…", className: "text-slate-500" },
  live: { text: "live", className: "text-emerald-700" },
  reconnecting: { text: "live updates paused: reconnecting…", className: "font-medium text-amber-800" },
  closed: { text: "live updates stopped: reload the page", className: "font-medium text-amber-800" },
};

function RunsTable({ runs }: { runs: OverviewRun[] }) {
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table aria-label="Runs" className="w-full border-collapse text-sm">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">Status</th>
            <th scope="col" className="px-3 py-2 font-semibold">Runbook</th>
            <th scope="col" className="px-3 py-2 font-semibold">Target</th>
            <th scope="col" className="px-3 py-2 font-semibold">Steps</th>
            <th scope="col" className="px-3 py-2 font-semibold">Started</th>
            <th scope="col" className="px-3 py-2 font-semibold">Duration</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id} data-testid="run-row" data-run-id={r.id} className={`border-t border-slate-100 ${r.status === "active" ? "bg-blue-50/40" : ""}`}>
              <td className="px-3 py-2">
                <RunStatusBadge status={r.status} />
              </td>
              <td className="px-3 py-2">
                <Link href={`/runs/${r.id}`} className="font-medium text-slate-900 hover:underline">
                  {r.runbook.title}
                </Link>{" "}
                <span className="text-xs text-slate-500">
                  v{r.runbook.version}
                  {r.scenario ? ` · ${r.scenario}` : ""}
                  {r.drill ? " · drill" : ""}
                </span>
              </td>
              <td className="px-3 py-2 font-mono">
                {r.target.name}
                {r.target.protected ? <span className="ml-1.5 rounded bg-red-700 px-1 py-0.5 font-sans text-[11px] font-bold text-white">PROD</span> : null}
              </td>
              <td className="px-3 py-2 whitespace-nowrap tabular-nums">
                {r.steps.done}/{r.steps.total}
                {r.steps.running ? <span className="ml-2 text-blue-700">{r.steps.running} running</span> : null}
                {r.steps.failed ? <span className="ml-2 font-semibold text-red-700">{r.steps.failed} failed</span> : null}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                {r.startedBy} <span className="text-slate-500">· {formatDateTime(r.startedAt)}</span>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <Elapsed
                  testId="run-duration"
                  startedAt={Date.parse(r.startedAt)}
                  endedAt={r.status === "active" ? null : r.finishedAt ? Date.parse(r.finishedAt) : Date.parse(r.startedAt)}
                  budgetSeconds={r.budget?.seconds ?? null}
                />
                {r.status === "active" ? <span className="text-slate-500"> so far</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RunsOverview({ initialRuns }: { initialRuns: OverviewRun[] }) {
  const { runs, connection } = useRunsOverview(initialRuns);
  const active = runs.filter((r) => r.status === "active");
  const c = CONNECTION[connection];
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="active-runs-heading" className="flex flex-col gap-2">
        <div className="flex items-baseline gap-3">
          <h2 id="active-runs-heading" className="text-lg font-semibold">
            In progress <span className="text-slate-500 tabular-nums">({active.length})</span>
          </h2>
          {/* Changes only when the connection does: fine for a live region. */}
          <span data-testid="overview-connection" data-state={connection} aria-live="polite" className={`ml-auto text-xs ${c.className}`}>
            {connection === "live" ? <span aria-hidden="true">● </span> : null}
            {c.text}
          </span>
        </div>
        {active.length === 0 ? (
          <p className="rounded border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">No run in progress.</p>
        ) : (
          <ul aria-label="Runs in progress" className="flex flex-col gap-2">
            {active.map((r) => (
              <ActiveRunCard key={r.id} run={r} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="all-runs-heading" className="flex flex-col gap-2">
        <h2 id="all-runs-heading" className="text-lg font-semibold">
          All runs
        </h2>
        {runs.length === 0 ? (
          <p className="rounded border border-dashed border-slate-300 bg-white p-8 text-slate-600">
            No runs yet. Open a runbook and start one, or{" "}
            <Link href="/runs/new" className="underline">
              start a run
            </Link>{" "}
            here.
          </p>
        ) : (
          <RunsTable runs={runs} />
        )}
      </section>
    </div>
  );
}
