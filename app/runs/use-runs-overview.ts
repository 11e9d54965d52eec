"use client";

import { skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { queryKeys } from "@/lib/queries/keys";
import type { OverviewRun } from "@/lib/runs/list-runs";

// The runs overview in the TanStack Query cache: the server-rendered list first, then every
// snapshot pushed over /api/runs/stream. Each snapshot is the complete list, so there is nothing
// to merge and nothing to fetch: the stream is the only writer (skipToken).

export type OverviewConnection = "connecting" | "live" | "reconnecting" | "closed";

export function useRunsOverview(initialRuns: OverviewRun[]): { runs: OverviewRun[]; connection: OverviewConnection } {
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: queryKeys.runsOverview(),
    queryFn: skipToken,
    initialData: initialRuns,
    staleTime: Infinity,
  });
  const [connection, setConnection] = useState<OverviewConnection>("connecting");

  useEffect(() => {
    const source = new EventSource("/api/runs/stream");
    source.addEventListener("runs", (m: MessageEvent<string>) => {
      const { runs } = JSON.parse(m.data) as { runs: OverviewRun[] };
      queryClient.setQueryData<OverviewRun[]>(queryKeys.runsOverview(), runs);
    });
    source.addEventListener("open", () => setConnection("live"));
    // CONNECTING: the browser retries by itself; the next snapshot replaces whatever was missed.
    source.addEventListener("error", () => setConnection(source.readyState === EventSource.CLOSED ? "closed" : "reconnecting"));
    return () => source.close();
  }, [queryClient]);

  return { runs: data ?? initialRuns, connection };
}
