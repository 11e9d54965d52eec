"use client";

import { useMemo, type ReactNode } from "react";
import type { RunEventRecord } from "@/lib/runs/event-types";
import type { ElidedOutput } from "@/lib/runs/output-tail";
import { nextStepId } from "./next-step";
import { RunContext, type RunLive, type RunMeta } from "./run-context";
import { useEarlierOutput } from "./use-earlier-output";
import { useRunEvents } from "./use-run-events";

// One subscription per page: every card reads the projected run from context instead of
// starting its own poll.
export function RunLiveProvider({ meta, initialEvents, elided, children }: { meta: RunMeta; initialEvents: RunEventRecord[]; elided: ElidedOutput[]; children: ReactNode }) {
  const { view, events, missing, refresh, connectionError } = useRunEvents(meta.runId, initialEvents, elided);
  const earlier = useEarlierOutput(meta.runId, missing);
  const value = useMemo<RunLive>(
    () => ({ ...meta, view, events, refresh, connectionError, nextStepId: nextStepId(view, meta.scopeStepIds), earlier }),
    [meta, view, events, refresh, connectionError, earlier],
  );
  return <RunContext value={value}>{children}</RunContext>;
}
