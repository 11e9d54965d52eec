// The run's event log vocabulary. RunEvent rows are the source of truth; the live page, the CLI
// and the report are projections of them (lib/runs/project.ts). Types are only ever added and
// payload fields only ever added, so old runs stay readable.
import type { ExecStatus, OutputChunk, Verdict } from "@/lib/executors/types";
import type { Executor } from "@/lib/importer/types";

export type StepStatus =
  | "pending"
  | "queued"
  | "running"
  | "succeeded"
  | "failed"
  | "cancelled"
  | "timed_out"
  | "skipped"
  | "interrupted"
  | "done_manually";

export type RunStatus = "active" | "succeeded" | "failed" | "aborted";

export interface PreflightStep {
  stepId: string;
  runnable: boolean;
  // Why it cannot run here (missing tool, unreachable target, unresolved variable…).
  reason: string | null;
  executors: Executor[];
  missingVariables: string[];
}

export type EventBody =
  | {
      type: "run.created";
      payload: {
        runbook: { slug: string; title: string; version: number };
        target: { name: string; protected: boolean };
        scenario: string | null;
        drill: boolean;
        // Inputs given at start (names of secret ones are listed, values masked).
        variables: Record<string, string>;
      };
    }
  | { type: "run.preflight"; payload: { steps: PreflightStep[] } }
  | {
      type: "step.queued";
      stepId: string;
      // approvalId: the approval (or break-glass) this execution used, on a protected target.
      payload: { attempt: number; rehearsal: boolean; confirmation: string | null; approvalId?: string | null };
    }
  | { type: "step.started"; stepId: string; payload: { attempt: number; runnerId: string } }
  | { type: "step.output"; stepId: string; payload: { attempt: number; chunks: OutputChunk[] } }
  | {
      type: "step.finished";
      stepId: string;
      payload: {
        attempt: number;
        status: ExecStatus;
        exitCode: number | null;
        error: string | null;
        durationMs: number;
        verdicts: Verdict[];
        produced: Record<string, string>;
        rehearsal: boolean;
      };
    }
  | { type: "step.cancel_requested"; stepId: string; payload: { attempt: number } }
  | { type: "step.skipped"; stepId: string; payload: { reason: string } }
  | { type: "step.interrupted"; stepId: string; payload: { attempt: number; reason: string } }
  | { type: "step.manual_done"; stepId: string; payload: { note: string; output: string } }
  | { type: "check.ticked"; payload: { checkId: string; checked: boolean } }
  | { type: "blank.filled"; payload: { blankId: string; value: string; fromStep: string | null } }
  | { type: "verdict.acknowledged"; stepId: string; payload: { note: string } }
  | { type: "comment.added"; stepId?: string; payload: { text: string } }
  | { type: "run.finished"; payload: { status: Exclude<RunStatus, "active">; note: string } }
  // Two-person rule on protected targets (lib/runs/approvals.ts). The request carries exactly
  // what will run; ids are user ids, so self-approval is refused on identity, not on names.
  | {
      type: "approval.requested";
      stepId: string;
      payload: { approvalId: string; requestedById: string; command: string; targetName: string; variables: Record<string, string>; reason: string };
    }
  | { type: "approval.granted"; stepId: string; payload: { approvalId: string; approvedById: string; note: string } }
  | { type: "approval.rejected"; stepId: string; payload: { approvalId: string; rejectedById: string; reason: string } }
  | { type: "approval.break_glass"; stepId: string; payload: { approvalId: string; byId: string; reason: string; command: string; targetName: string } }
  // Reviewer workflow on the finished run's report (lib/reports/review.ts).
  | { type: "report.commented"; stepId?: string; payload: { text: string } }
  | { type: "report.field_set"; payload: { field: string; value: string } }
  | { type: "report.signed_off"; payload: { name: string; note: string } }
  | { type: "report.reopened"; payload: { reason: string } };

export type EventType = EventBody["type"];

/** A stored event as every projection sees it. */
export type RunEventRecord = EventBody & {
  seq: number;
  actor: string | null;
  at: string; // ISO time
};
