"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { OutputChunk } from "@/lib/executors/types";
import { queryKeys } from "@/lib/queries/keys";
import { prependOutput, type ElidedOutput } from "@/lib/runs/output-tail";
import type { RunEventsCache } from "./use-run-events";

// The run page arrives with the tail of each big output (lib/runs/page-events.ts); this loads the
// head the server left out and puts it in front of what the query cache holds, so the log view,
// its line count and its search cover the whole output again a moment after the page shows.

export interface EarlierOutput {
  status: "loading" | "failed";
  chars: number;
  message: string | null;
  retry: () => void;
}

async function fetchEarlier(runId: string, head: ElidedOutput, signal: AbortSignal): Promise<OutputChunk[]> {
  const params = new URLSearchParams({ attempt: String(head.attempt), through: String(head.throughSeq) });
  const res = await fetch(`/api/runs/${encodeURIComponent(runId)}/steps/${encodeURIComponent(head.stepId)}/earlier?${params}`, { signal, cache: "no-store" });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `The desk answered ${res.status}.`);
  }
  // One JSON array of chunks per output event (NDJSON).
  const chunks: OutputChunk[] = [];
  for (const line of (await res.text()).split("\n")) if (line) chunks.push(...(JSON.parse(line) as OutputChunk[]));
  return chunks;
}

type Pending = Record<string, { status: "loading" | "failed"; message: string | null }>;

export function useEarlierOutput(runId: string, elided: readonly ElidedOutput[]): Readonly<Record<string, EarlierOutput>> {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Pending>(() => Object.fromEntries(elided.map((e) => [e.stepId, { status: "loading", message: null }])));
  // Bumped by retry: the effect loads again whatever is still pending.
  const [round, setRound] = useState(0);
  // Heads already put back: never prepended twice (a retry reloads only the others).
  const loaded = useRef(new Set<string>());

  useEffect(() => {
    const abort = new AbortController();
    for (const head of elided) {
      if (loaded.current.has(head.stepId)) continue;
      fetchEarlier(runId, head, abort.signal).then(
        (chunks) => {
          if (abort.signal.aborted || loaded.current.has(head.stepId)) return;
          loaded.current.add(head.stepId);
          queryClient.setQueryData<RunEventsCache>(queryKeys.runEvents(runId), (old) => (old ? { ...old, view: prependOutput(old.view, head, chunks) } : old));
          setPending((p) => Object.fromEntries(Object.entries(p).filter(([id]) => id !== head.stepId)));
        },
        (e: unknown) => {
          if (abort.signal.aborted) return;
          const message = e instanceof Error ? e.message : String(e);
          setPending((p) => (p[head.stepId] ? { ...p, [head.stepId]: { status: "failed", message } } : p));
        },
      );
    }
    return () => abort.abort();
    // `round` reloads after a failure.
  }, [runId, elided, queryClient, round]);

  const retry = useCallback(() => {
    setPending((p) => Object.fromEntries(Object.entries(p).map(([id, v]) => [id, { ...v, status: "loading" as const, message: null }])));
    setRound((r) => r + 1);
  }, []);

  return useMemo(
    () =>
      Object.fromEntries(
        elided.flatMap((e) => {
          const p = pending[e.stepId];
          return p ? [[e.stepId, { status: p.status, chars: e.chars, message: p.message, retry }]] : [];
        }),
      ),
    [elided, pending, retry],
  );
}
