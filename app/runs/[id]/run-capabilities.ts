import type { Permission } from "@/lib/auth/permissions";

// What the signed-in user may do on this run's target. The page hides what they may not press;
// the server refuses it regardless. A plain module (not "use client"): the server page maps over
// this list, and a client module's exports reach the server only as references.
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
