import { z } from "zod";

// Inputs of the run commands (one action each, see actions.ts). Limits keep a pasted log or a
// runaway comment from bloating the event log; the service re-checks everything against state.

const runId = z.string().trim().min(1).max(64);
const stepId = z.string().trim().min(1).max(200);

export const queueStepSchema = z.object({
  runId,
  stepId,
  // The target's name typed by the commander; required by the server for destructive steps.
  confirmation: z.string().max(200).nullable(),
  rehearsal: z.boolean(),
});

export const stepRefSchema = z.object({ runId, stepId });

export const skipStepSchema = z.object({
  runId,
  stepId,
  reason: z.string().trim().min(1, "Say why the step is skipped.").max(2000),
});

export const markManualDoneSchema = z.object({
  runId,
  stepId,
  note: z.string().trim().max(2000),
  output: z.string().max(200_000),
});

export const tickCheckSchema = z.object({ runId, checkId: z.string().min(1).max(200), checked: z.boolean() });

export const fillBlankSchema = z.object({
  runId,
  blankId: z.string().min(1).max(200),
  value: z.string().trim().min(1, "Type a value first.").max(2000),
});

export const acknowledgeVerdictSchema = z.object({
  runId,
  stepId,
  note: z.string().trim().min(1, "Say why the failed verification is acceptable.").max(2000),
});

export const addCommentSchema = z.object({
  runId,
  stepId: stepId.nullable(),
  text: z.string().trim().min(1, "Write a comment first.").max(5000),
});

export const finishRunSchema = z.object({
  runId,
  status: z.enum(["succeeded", "failed", "aborted"]),
  note: z.string().trim().max(2000),
});

export type QueueStepInput = z.infer<typeof queueStepSchema>;
export type FinishRunInput = z.infer<typeof finishRunSchema>;

export const requestApprovalSchema = z.object({
  runId,
  stepId,
  reason: z.string().trim().max(2000),
});

export const decideApprovalSchema = z.object({
  runId,
  stepId,
  approvalId: z.string().uuid(),
  decision: z.enum(["approve", "reject"]),
  note: z.string().trim().max(2000),
});

export const breakGlassSchema = z.object({
  runId,
  stepId,
  reason: z.string().trim().min(20, "Say in at least 20 characters why this cannot wait for a second commander.").max(2000),
  // The target's name typed, as for any destructive step.
  confirmation: z.string().max(200),
});
