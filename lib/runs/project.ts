// Pure projection of a run's events into what pages, the CLI and reports show. No I/O: the same
// events always give the same view, on the server and in the browser's query cache.
import type { OutputChunk, Verdict } from "@/lib/executors/types";
import type { EventBody, PreflightStep, RunEventRecord, RunStatus, StepStatus } from "./event-types";

export interface StepView {
  status: StepStatus;
  attempt: number;
  queuedBy: string | null;
  confirmation: string | null;
  rehearsal: boolean;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  output: OutputChunk[];
  verdicts: Verdict[];
  exitCode: number | null;
  error: string | null;
  reason: string | null; // skipped / interrupted reason
  manual: { note: string; output: string; by: string | null } | null;
  acknowledged: { by: string | null; note: string } | null;
  cancelRequested: boolean;
  produced: Record<string, string>;
}

/** The latest approval of a step on a protected target; one approval covers one execution. */
export interface ApprovalView {
  approvalId: string;
  state: "requested" | "granted" | "rejected" | "break_glass" | "used";
  command: string;
  targetName: string;
  variables: Record<string, string>;
  reason: string;
  requestedBy: string | null;
  requestedById: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string;
}

export interface RunView {
  lastSeq: number;
  status: RunStatus;
  created: Extract<EventBody, { type: "run.created" }>["payload"] | null;
  startedBy: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  finishNote: string | null;
  preflight: Record<string, PreflightStep>;
  steps: Record<string, StepView>;
  checks: Record<string, { checked: boolean; by: string | null; at: string }>;
  blanks: Record<string, { value: string; by: string | null; at: string; fromStep: string | null }>;
  comments: { stepId: string | null; text: string; by: string | null; at: string }[];
  participants: string[];
  review: ReviewView;
  approvals: Record<string, ApprovalView>;
  // Every approval decision and break-glass, in order, for the report.
  approvalLog: { stepId: string; kind: "requested" | "granted" | "rejected" | "break_glass"; by: string | null; text: string; at: string }[];
}

/** The reviewer's side of a finished run: comments, edited report fields, sign-off. */
export interface ReviewView {
  comments: { stepId: string | null; text: string; by: string | null; at: string }[];
  fields: Record<string, { value: string; by: string | null; at: string }>;
  // Cleared by a reopen; the history of both stays in `events`.
  signOff: { name: string; note: string; by: string | null; at: string } | null;
  events: { kind: "signed_off" | "reopened"; name: string | null; text: string; by: string | null; at: string }[];
}

export function emptyRun(): RunView {
  return {
    lastSeq: 0,
    status: "active",
    created: null,
    startedBy: null,
    startedAt: null,
    finishedAt: null,
    finishNote: null,
    preflight: {},
    steps: {},
    checks: {},
    blanks: {},
    comments: [],
    participants: [],
    review: { comments: [], fields: {}, signOff: null, events: [] },
    approvals: {},
    approvalLog: [],
  };
}

export function emptyStep(): StepView {
  return {
    status: "pending",
    attempt: 0,
    queuedBy: null,
    confirmation: null,
    rehearsal: false,
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    output: [],
    verdicts: [],
    exitCode: null,
    error: null,
    reason: null,
    manual: null,
    acknowledged: null,
    cancelRequested: false,
    produced: {},
  };
}

function withStep(view: RunView, stepId: string, change: (s: StepView) => StepView): RunView {
  return { ...view, steps: { ...view.steps, [stepId]: change(view.steps[stepId] ?? emptyStep()) } };
}

/** Applies one event; events at or below lastSeq are ignored, so replays and duplicates are harmless. */
export function applyEvent(view: RunView, e: RunEventRecord): RunView {
  if (e.seq <= view.lastSeq) return view;
  let next: RunView = { ...view, lastSeq: e.seq };
  if (e.actor && !next.participants.includes(e.actor)) next = { ...next, participants: [...next.participants, e.actor] };
  switch (e.type) {
    case "run.created":
      return { ...next, created: e.payload, startedBy: e.actor, startedAt: e.at };
    case "run.preflight":
      return { ...next, preflight: Object.fromEntries(e.payload.steps.map((s) => [s.stepId, s])) };
    case "step.queued":
      if (e.payload.approvalId) next = withApproval(next, e.stepId, (a) => (a.approvalId === e.payload.approvalId ? { ...a, state: "used" } : a));
      return withStep(next, e.stepId, () => ({
        ...emptyStep(),
        status: "queued",
        attempt: e.payload.attempt,
        queuedBy: e.actor,
        confirmation: e.payload.confirmation,
        rehearsal: e.payload.rehearsal,
      }));
    case "step.started":
      return withStep(next, e.stepId, (s) => ({ ...s, status: "running", startedAt: e.at }));
    case "step.output":
      return withStep(next, e.stepId, (s) =>
        s.attempt === e.payload.attempt ? { ...s, output: [...s.output, ...e.payload.chunks] } : s,
      );
    case "step.finished":
      return withStep(next, e.stepId, (s) => ({
        ...s,
        status: e.payload.status,
        finishedAt: e.at,
        durationMs: e.payload.durationMs,
        verdicts: e.payload.verdicts,
        exitCode: e.payload.exitCode,
        error: e.payload.error,
        produced: e.payload.produced,
        rehearsal: e.payload.rehearsal,
      }));
    case "step.cancel_requested":
      return withStep(next, e.stepId, (s) => ({ ...s, cancelRequested: true }));
    case "step.skipped":
      return withStep(next, e.stepId, (s) => ({ ...s, status: "skipped", reason: e.payload.reason, finishedAt: e.at }));
    case "step.interrupted":
      return withStep(next, e.stepId, (s) => ({ ...s, status: "interrupted", reason: e.payload.reason, finishedAt: e.at }));
    case "step.manual_done":
      return withStep(next, e.stepId, (s) => ({
        ...s,
        status: "done_manually",
        finishedAt: e.at,
        manual: { note: e.payload.note, output: e.payload.output, by: e.actor },
      }));
    case "verdict.acknowledged":
      return withStep(next, e.stepId, (s) => ({ ...s, acknowledged: { by: e.actor, note: e.payload.note } }));
    case "check.ticked":
      return { ...next, checks: { ...next.checks, [e.payload.checkId]: { checked: e.payload.checked, by: e.actor, at: e.at } } };
    case "blank.filled":
      return {
        ...next,
        blanks: { ...next.blanks, [e.payload.blankId]: { value: e.payload.value, by: e.actor, at: e.at, fromStep: e.payload.fromStep } },
      };
    case "comment.added":
      return { ...next, comments: [...next.comments, { stepId: e.stepId ?? null, text: e.payload.text, by: e.actor, at: e.at }] };
    case "run.finished":
      return { ...next, status: e.payload.status, finishedAt: e.at, finishNote: e.payload.note };
    case "approval.requested":
      return logApproval(
        {
          ...next,
          approvals: {
            ...(next.approvals ?? {}),
            [e.stepId]: {
              ...e.payload,
              state: "requested",
              requestedBy: e.actor,
              requestedAt: e.at,
              decidedBy: null,
              decidedAt: null,
              note: "",
            },
          },
        },
        { stepId: e.stepId, kind: "requested", by: e.actor, text: e.payload.reason, at: e.at },
      );
    case "approval.granted":
    case "approval.rejected": {
      const granted = e.type === "approval.granted";
      const text = granted ? e.payload.note : e.payload.reason;
      const decided = withApproval(next, e.stepId, (a) =>
        a.approvalId === e.payload.approvalId && a.state === "requested"
          ? { ...a, state: granted ? "granted" : "rejected", decidedBy: e.actor, decidedAt: e.at, note: text }
          : a,
      );
      return logApproval(decided, { stepId: e.stepId, kind: granted ? "granted" : "rejected", by: e.actor, text, at: e.at });
    }
    case "approval.break_glass":
      return logApproval(
        {
          ...next,
          approvals: {
            ...(next.approvals ?? {}),
            [e.stepId]: {
              approvalId: e.payload.approvalId,
              state: "break_glass",
              command: e.payload.command,
              targetName: e.payload.targetName,
              variables: {},
              reason: e.payload.reason,
              requestedBy: e.actor,
              requestedById: e.payload.byId,
              requestedAt: e.at,
              decidedBy: e.actor,
              decidedAt: e.at,
              note: e.payload.reason,
            },
          },
        },
        { stepId: e.stepId, kind: "break_glass", by: e.actor, text: e.payload.reason, at: e.at },
      );
    case "report.commented":
      return withReview(next, (r) => ({ ...r, comments: [...r.comments, { stepId: e.stepId ?? null, text: e.payload.text, by: e.actor, at: e.at }] }));
    case "report.field_set":
      return withReview(next, (r) => ({ ...r, fields: { ...r.fields, [e.payload.field]: { value: e.payload.value, by: e.actor, at: e.at } } }));
    case "report.signed_off":
      return withReview(next, (r) => ({
        ...r,
        signOff: { name: e.payload.name, note: e.payload.note, by: e.actor, at: e.at },
        events: [...r.events, { kind: "signed_off", name: e.payload.name, text: e.payload.note, by: e.actor, at: e.at }],
      }));
    case "report.reopened":
      return withReview(next, (r) => ({
        ...r,
        signOff: null,
        events: [...r.events, { kind: "reopened", name: null, text: e.payload.reason, by: e.actor, at: e.at }],
      }));
  }
}

function withReview(view: RunView, change: (r: ReviewView) => ReviewView): RunView {
  // Views cached before reviews existed (the live page's query cache) have no `review` yet.
  return { ...view, review: change(view.review ?? emptyRun().review) };
}

function withApproval(view: RunView, stepId: string, change: (a: ApprovalView) => ApprovalView): RunView {
  const current = view.approvals?.[stepId];
  return current ? { ...view, approvals: { ...view.approvals, [stepId]: change(current) } } : view;
}

function logApproval(view: RunView, entry: RunView["approvalLog"][number]): RunView {
  // Views cached before approvals existed have no approvalLog yet.
  return { ...view, approvalLog: [...(view.approvalLog ?? []), entry] };
}

/**
 * Applies events in order. Same result as folding applyEvent, but output arrays created during
 * this call are appended in place instead of copied per event: one output event at a time, a
 * step with 30k output events took seconds (quadratic); the arrays handed in are never mutated.
 */
export function applyEvents(view: RunView, events: readonly RunEventRecord[]): RunView {
  const owned = new WeakSet<OutputChunk[]>();
  let next = view;
  for (const e of events) {
    const step = e.type === "step.output" ? next.steps[e.stepId] : undefined;
    if (e.type === "step.output" && e.seq > next.lastSeq && !e.actor && step && step.attempt === e.payload.attempt && owned.has(step.output)) {
      step.output.push(...e.payload.chunks);
      next = { ...next, lastSeq: e.seq, steps: { ...next.steps, [e.stepId]: { ...step } } };
      continue;
    }
    next = applyEvent(next, e);
    const out = e.type === "step.output" ? next.steps[e.stepId]?.output : undefined;
    if (out && out !== step?.output) owned.add(out);
  }
  return next;
}

export function projectRun(events: readonly RunEventRecord[]): RunView {
  return applyEvents(emptyRun(), events);
}

/** Steps whose verification failed and nobody has acknowledged: they block "mark succeeded". */
export function unacknowledgedFailures(view: RunView): string[] {
  return Object.entries(view.steps)
    .filter(([, s]) => s.verdicts.some((v) => v.outcome === "fail") && !s.acknowledged)
    .map(([id]) => id);
}

export const TERMINAL: ReadonlySet<StepStatus> = new Set([
  "succeeded",
  "failed",
  "cancelled",
  "timed_out",
  "skipped",
  "interrupted",
  "done_manually",
]);
