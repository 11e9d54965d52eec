"use client";

import { createContext } from "react";
import type { Permission } from "@/lib/auth/permissions";
import type { RunEventRecord } from "@/lib/runs/event-types";
import type { RunView } from "@/lib/runs/project";

// What the signed-in user may do on this run's target. The page hides what they may not press;
// the server refuses it regardless.
export const RUN_CAPABILITIES = [
  "step.run",
  "step.run_destructive",
  "step.cancel",
  "step.skip",
  "step.manual_done",
  "step.acknowledge",
  "step.request_approval",
  "step.approve",
  "step.break_glass",
  "check.tick",
  "blank.fill",
  "run.comment",
  "run.finish",
] as const satisfies readonly Permission[];
export type RunCapability = (typeof RUN_CAPABILITIES)[number];

export interface RunMeta {
  runId: string;
  targetName: string;
  targetProtected: boolean;
  scenario: string | null;
  // Step ids of the chosen scenario (and of no scenario), in document order.
  scopeStepIds: string[];
  stepNumbers: Record<string, number>;
  stepTitles: Record<string, string>;
  me: { id: string; label: string };
  can: Record<RunCapability, boolean>;
}

export interface RunLive extends RunMeta {
  view: RunView;
  events: RunEventRecord[];
  refresh: () => Promise<void>;
  connectionError: string | null;
  nextStepId: string | null;
}

export const RunContext = createContext<RunLive | null>(null);
