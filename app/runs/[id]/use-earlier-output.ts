"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { OutputChunk } from "@/lib/executors/types";
import { responseError } from "@/lib/http/response-error";
import { queryKeys } from "@/lib/queries/keys";
import { prependOutput, type ElidedOutput } from "@/lib/runs/output-tail";
import type { RunEventsCache } from "./use-run-events";

// The run page arrives with the tail of each big output (lib/runs/page-events.ts); this loads the
// heads the query cache still lacks (RunEventsCache.missing) and puts each in front of what the
// cache holds, so the log view, its line count and its search cover the whole output again a
// moment after the page shows.

export interface EarlierOutput {
  status: "loading" | "failed";
  chars: number;
  message: string | null;
  retry: () => void;
}

async function fetchEarlier(runId: string, head: ElidedOutput, signal: AbortSignal): Promise<OutputChunk[]> {
  const params = new URLSearchParams({ attempt: String(head.attempt), through: String(head.throughSeq) });
  const res = await fetch(`/api/runs/${encodeURIComponent(runId)}/steps/${encodeURIComponent(head.stepId)}/earlier?${params}`, { signal, cache: "no-store" });
  if (!res.ok) throw await responseError(res);
  // One JSON array of chunks per output event (NDJSON).
  const chunks: OutputChunk[] = [];
  for (const line of (await res.text()).split("\n")) if (line) chunks.push(...(JSON.parse(line) as OutputChunk[]));
  return chunks;
}

/** Puts a fetched head in front, once: only while the cache still lists exactly that head as missing. */
export function withHead(cache: RunEventsCache, head: ElidedOutput, chunks: readonly OutputChunk[]): RunEventsCache {
  if (!cache.missing.includes(head)) return cache;
  return { ...cache, view: prependOutput(cache.view, head, chunks), missing: cache.missing.filter((m) => m !== head) };
}

export function useEarlierOutput(runId: string, missing: readonly ElidedOutput[]): Readonly<Record<string, EarlierOutput>> {
  const queryClient = useQueryClient();
  // Step id → why its head could not be loaded (cleared by retry).
  const [failures, setFailures] = useState<Readonly<Record<string, string>>>({});
  const inFlight = useRef(new Set<ElidedOutput>());
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    abort.current = controller;
    const started = inFlight.current;
    return () => {
      controller.abort();
      started.clear();
    };
  }, [runId]);

  useEffect(() => {
    const signal = abort.current?.signal;
    if (!signal) return;
    for (const head of missing) {
      if (inFlight.current.has(head) || failures[head.stepId] !== undefined) continue;
      inFlight.current.add(head);
      fetchEarlier(runId, head, signal).then(
        (chunks) => {
          if (signal.aborted) return;
          queryClient.setQueryData<RunEventsCache>(queryKeys.runEvents(runId), (old) => (old ? withHead(old, head, chunks) : old));
        },
        (e: unknown) => {
          if (signal.aborted) return;
          inFlight.current.delete(head);
          setFailures((f) => ({ ...f, [head.stepId]: e instanceof Error ? e.message : String(e) }));
        },
      );
    }
  }, [runId, missing, failures, queryClient]);

  const retry = useCallback(() => setFailures({}), []);

  return useMemo(
    () =>
      Object.fromEntries(
        missing.map((m) => {
          const message = failures[m.stepId] ?? null;
          return [m.stepId, { status: message === null ? "loading" : "failed", chars: m.chars, message, retry }];
        }),
      ),
    [missing, failures, retry],
  );
}
