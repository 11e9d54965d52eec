"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { responseError } from "@/lib/http/response-error";
import { queryKeys } from "@/lib/queries/keys";
import type { RunEventRecord } from "@/lib/runs/event-types";
import type { ElidedOutput } from "@/lib/runs/output-tail";
import { applyEvents, emptyRun, type RunView } from "@/lib/runs/project";

// The run's event log in the TanStack Query cache, projected as it grows. All fetching of run
// events lives here: the server-rendered events first, then the live tail over SSE
// (/api/runs/[id]/stream). EventSource reconnects by itself and sends Last-Event-ID, so the server
// replays exactly what was missed; merging by seq keeps the cache free of gaps and duplicates.

export interface RunEventsCache {
  events: RunEventRecord[];
  view: RunView;
  // Heads of big outputs the page was served without (lib/runs/page-events.ts): kept with the
  // cache they belong to, so a page mounted again on a cache that has them never adds them twice.
  missing: readonly ElidedOutput[];
}

const EMPTY: RunEventsCache = { events: [], view: emptyRun(), missing: [] };

export interface PresenceWatcher {
  name: string;
  connections: number;
}

// Output can arrive hundreds of events a second: apply them to the cache in small batches.
const FLUSH_MS = 30;

/** Appends only events newer than what the cache holds (dedupe by seq), in seq order. */
export function mergeEvents(cache: RunEventsCache, incoming: readonly RunEventRecord[]): RunEventsCache {
  const fresh = incoming.filter((e) => e.seq > cache.view.lastSeq).sort((a, b) => a.seq - b.seq);
  if (fresh.length === 0) return cache;
  // Duplicates inside the batch are dropped here; applyEvents also ignores anything at or below lastSeq.
  const unique = fresh.filter((e, i) => i === 0 || e.seq !== fresh[i - 1]?.seq);
  return { ...cache, events: [...cache.events, ...unique], view: applyEvents(cache.view, unique) };
}

async function fetchAfter(runId: string, after: number, signal: AbortSignal): Promise<RunEventRecord[]> {
  const res = await fetch(`/api/runs/${encodeURIComponent(runId)}/events?after=${after}`, { signal, cache: "no-store" });
  if (!res.ok) throw await responseError(res);
  return ((await res.json()) as { events: RunEventRecord[] }).events;
}

export function useRunEvents(runId: string, initialEvents: RunEventRecord[], initialMissing: readonly ElidedOutput[]) {
  const queryClient = useQueryClient();
  const key = queryKeys.runEvents(runId);
  const [connectionError, setConnectionError] = useState<string | null>(null);
  const query = useQuery({
    queryKey: key,
    // Only for refresh(): the stream keeps the cache current, so nothing refetches on its own.
    queryFn: async ({ signal }) => {
      const before = queryClient.getQueryData<RunEventsCache>(key) ?? EMPTY;
      const events = await fetchAfter(runId, before.view.lastSeq, signal);
      // Merge into the cache as it is now: the stream may have delivered meanwhile.
      return mergeEvents(queryClient.getQueryData<RunEventsCache>(key) ?? before, events);
    },
    initialData: () => mergeEvents({ ...EMPTY, missing: initialMissing }, initialEvents),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: false,
    // The merge already keeps unchanged parts by reference.
    structuralSharing: false,
  });

  useEffect(() => {
    const eventsKey = queryKeys.runEvents(runId);
    const after = queryClient.getQueryData<RunEventsCache>(eventsKey)?.view.lastSeq ?? 0;
    const params = new URLSearchParams({ after: String(after) });
    // Presence names the watcher by their session; no name travels in the URL.
    const source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/stream?${params}`);
    let pending: RunEventRecord[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const batch = pending;
      pending = [];
      queryClient.setQueryData<RunEventsCache>(eventsKey, (old) => mergeEvents(old ?? EMPTY, batch));
    };
    source.addEventListener("run-event", (m: MessageEvent<string>) => {
      pending.push(JSON.parse(m.data) as RunEventRecord);
      timer ??= setTimeout(flush, FLUSH_MS);
    });
    source.addEventListener("presence", (m: MessageEvent<string>) => {
      const { watchers } = JSON.parse(m.data) as { watchers: PresenceWatcher[] };
      queryClient.setQueryData<PresenceWatcher[]>(queryKeys.runPresence(runId), watchers);
    });
    source.addEventListener("open", () => setConnectionError(null));
    source.addEventListener("error", () => {
      // CONNECTING: the browser retries by itself and resumes from Last-Event-ID.
      setConnectionError(source.readyState === EventSource.CLOSED ? "the desk closed the connection; reload the page." : "reconnecting…");
    });
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
      if (pending.length) flush();
    };
  }, [runId, queryClient]);

  const { refetch } = query;
  // Called after each command so its events show at once even if the stream is reconnecting.
  const refresh = useCallback(async () => {
    await refetch({ cancelRefetch: false });
  }, [refetch]);
  return { view: query.data.view, events: query.data.events, missing: query.data.missing, refresh, connectionError: connectionError ?? (query.isError ? query.error.message : null) };
}
