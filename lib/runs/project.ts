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
  }
}

export function projectRun(events: RunEventRecord[]): RunView {
  return events.reduce(applyEvent, emptyRun());
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
