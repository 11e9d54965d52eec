"use client";

import { useMemo, type ReactNode } from "react";
import type { RunEventRecord } from "@/lib/runs/event-types";
import { nextStepId } from "./next-step";
import { RunContext, type RunLive, type RunMeta } from "./run-context";
import { useRunEvents } from "./use-run-events";

// One subscription per page: every card reads the projected run from context instead of
// starting its own poll.
export function RunLiveProvider({ meta, initialEvents, children }: { meta: RunMeta; initialEvents: RunEventRecord[]; children: ReactNode }) {
  const { view, events, refresh, connectionError } = useRunEvents(meta.runId, initialEvents);
  const value = useMemo<RunLive>(
    () => ({ ...meta, view, events, refresh, connectionError, nextStepId: nextStepId(view, meta.scopeStepIds) }),
    [meta, view, events, refresh, connectionError],
  );
  return <RunContext value={value}>{children}</RunContext>;
}
