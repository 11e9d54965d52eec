"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { queryKeys } from "@/lib/queries/keys";
import type { RunEventRecord } from "@/lib/runs/event-types";
import { applyEvent, emptyRun, type RunView } from "@/lib/runs/project";

// The run's event log in the TanStack Query cache, projected as it grows. All fetching of run
// events lives here: polling now, SSE later (same cache shape, same key).

export interface RunEventsCache {
  events: RunEventRecord[];
  view: RunView;
}

const POLL_MS = 700;

/** Appends only events newer than what the cache holds (dedupe by seq), in seq order. */
export function mergeEvents(cache: RunEventsCache, incoming: readonly RunEventRecord[]): RunEventsCache {
  const fresh = incoming.filter((e) => e.seq > cache.view.lastSeq).sort((a, b) => a.seq - b.seq);
  if (fresh.length === 0) return cache;
  let view = cache.view;
  const events = [...cache.events];
  for (const e of fresh) {
    if (e.seq <= view.lastSeq) continue; // duplicate inside the batch
    view = applyEvent(view, e);
    events.push(e);
  }
  return { events, view };
}

async function fetchAfter(runId: string, after: number, signal: AbortSignal): Promise<RunEventRecord[]> {
  const res = await fetch(`/api/runs/${encodeURIComponent(runId)}/events?after=${after}`, { signal, cache: "no-store" });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `The desk answered ${res.status}.`);
  }
  return ((await res.json()) as { events: RunEventRecord[] }).events;
}

export function useRunEvents(runId: string, initialEvents: RunEventRecord[]) {
  const queryClient = useQueryClient();
  const key = queryKeys.runEvents(runId);
  const query = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const before = queryClient.getQueryData<RunEventsCache>(key) ?? { events: [], view: emptyRun() };
      const events = await fetchAfter(runId, before.view.lastSeq, signal);
      // Merge into the cache as it is now: another fetch may have landed meanwhile.
      return mergeEvents(queryClient.getQueryData<RunEventsCache>(key) ?? before, events);
    },
    initialData: () => mergeEvents({ events: [], view: emptyRun() }, initialEvents),
    refetchInterval: (q) => (q.state.data?.view.status === "active" ? POLL_MS : false),
    refetchIntervalInBackground: false,
    retry: false,
    // The merge already keeps unchanged parts by reference.
    structuralSharing: false,
  });
  const { refetch } = query;
  // Called after each command so its events show at once instead of on the next tick.
  const refresh = useCallback(async () => {
    await refetch({ cancelRefetch: false });
  }, [refetch]);
  return { view: query.data.view, events: query.data.events, refresh, connectionError: query.isError ? query.error.message : null };
}
