"use client";

import type { Step } from "@/lib/importer/types";
import type { StepStatus } from "@/lib/runs/event-types";
import type { StepView } from "@/lib/runs/project";
import { cancelStepAction, markManualDoneAction, queueStepAction, skipStepAction } from "./actions";
import { needsApproval } from "@/lib/runs/approval-rule";
import { ApprovalPanel } from "./approval-panel";
import { ConfirmRunButton } from "./confirm-run-dialog";
import { useCommand } from "./use-command";
import { useRun } from "./use-run";

// Mirrors the service's rules (lib/runs/service.ts) so only meaningful buttons show; the
// server stays the judge and its refusal is shown beside the button.
const RETRYABLE: ReadonlySet<StepStatus> = new Set(["pending", "failed", "cancelled", "timed_out", "interrupted"]);

type SetStatus = (s: StepStatus) => void;

function Message({ ok, message }: { ok: boolean | null; message: string | null }) {
  return (
    <span aria-live="polite" className={`text-sm ${ok === false ? "font-medium text-red-800" : "text-slate-600"}`}>
      {message}
    </span>
  );
}

function QueueButton({ stepId, label, rehearsal, primary, setOptimistic }: { stepId: string; label: string; rehearsal: boolean; primary: boolean; setOptimistic: SetStatus }) {
  const { runId } = useRun();
  const [state, formAction, pending] = useCommand(async () => {
    setOptimistic("queued");
    return queueStepAction({ runId, stepId, confirmation: null, rehearsal });
  });
  return (
    <form action={formAction} className="contents">
      <button
        type="submit"
        disabled={pending}
        title={rehearsal ? "Runs inside a transaction that is rolled back: shows what would change, changes nothing" : undefined}
        className={`rounded px-3 py-1 text-sm font-semibold disabled:opacity-60 ${
          primary ? "bg-blue-700 text-white hover:bg-blue-800" : "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50"
        }`}
      >
        {pending ? "Queueing…" : label}
      </button>
      <Message {...state} />
    </form>
  );
}

function CancelButton({ stepId, requested }: { stepId: string; requested: boolean }) {
  const { runId } = useRun();
  const [state, formAction, pending] = useCommand(() => cancelStepAction({ runId, stepId }), { success: "Cancel requested." });
  return (
    <form action={formAction} className="contents">
      <button
        type="submit"
        disabled={pending || requested}
        className="rounded border border-slate-400 bg-white px-3 py-1 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60"
      >
        {requested ? "Cancelling…" : "Cancel"}
      </button>
      <Message {...state} />
    </form>
  );
}

function SkipForm({ stepId, setOptimistic }: { stepId: string; setOptimistic: SetStatus }) {
  const { runId } = useRun();
  const [state, formAction, pending] = useCommand(async (form) => {
    const reason = String(form.get("reason") ?? "");
    if (reason.trim()) setOptimistic("skipped");
    return skipStepAction({ runId, stepId, reason });
  });
  return (
    <details className="group">
      <summary className="cursor-pointer list-none rounded border border-slate-300 bg-white px-3 py-1 text-sm text-slate-700 hover:bg-slate-50">Skip…</summary>
      <form action={formAction} className="mt-2 flex flex-wrap items-center gap-2">
        <label htmlFor={`skip-${stepId}`} className="text-sm text-slate-600">
          Reason
        </label>
        <input id={`skip-${stepId}`} name="reason" required className="min-w-64 flex-1 rounded border border-slate-300 px-2 py-1 text-sm" />
        <button type="submit" disabled={pending} className="rounded bg-slate-700 px-3 py-1 text-sm font-semibold text-white disabled:opacity-60">
          Skip step
        </button>
        <Message {...state} />
      </form>
    </details>
  );
}

function ManualDoneForm({ stepId, primary, setOptimistic }: { stepId: string; primary: boolean; setOptimistic: SetStatus }) {
  const { runId } = useRun();
  const [state, formAction, pending] = useCommand(async (form) => {
    setOptimistic("done_manually");
    return markManualDoneAction({ runId, stepId, note: String(form.get("note") ?? ""), output: String(form.get("output") ?? "") });
  });
  return (
    <details className="group">
      <summary
        className={`inline-block cursor-pointer list-none rounded px-3 py-1 text-sm font-semibold ${
          primary ? "bg-amber-600 text-white hover:bg-amber-700" : "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
        }`}
      >
        Mark done…
      </summary>
      <form action={formAction} className="mt-2 flex w-xl max-w-full flex-col gap-2 rounded border border-amber-200 bg-amber-50/50 p-3">
        <label className="flex flex-col gap-1 text-sm text-slate-700">
          Note (what you did, where)
          <input name="note" className="rounded border border-slate-300 bg-white px-2 py-1" />
        </label>
        <label className="flex flex-col gap-1 text-sm text-slate-700">
          Pasted output (optional)
          <textarea name="output" rows={4} className="rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs" />
        </label>
        <div className="flex items-center gap-2">
          <button type="submit" disabled={pending} className="rounded bg-emerald-700 px-3 py-1 text-sm font-semibold text-white disabled:opacity-60">
            {pending ? "Saving…" : "Mark done"}
          </button>
          <Message {...state} />
        </div>
      </form>
    </details>
  );
}

export function StepActions({
  step,
  sv,
  status,
  runnable,
  isNext,
  setOptimistic,
}: {
  step: Step;
  sv: StepView;
  status: StepStatus;
  runnable: boolean;
  isNext: boolean;
  setOptimistic: SetStatus;
}) {
  const { can, targetProtected, view } = useRun();
  const retryable = RETRYABLE.has(status);
  const machine = runnable && step.executor !== "manual" && step.commands.length > 0;
  const approval = view.approvals?.[step.id] ?? null;
  const gated = machine && needsApproval(step, targetProtected);
  const approved = approval?.state === "granted" || approval?.state === "break_glass";
  const mayRun = can["step.run"] && (!step.destructive || can["step.run_destructive"]);
  const sqlOnly = step.commands.length > 0 && step.commands.every((c) => c.executor === "sql");
  const runLabel = status === "pending" ? "Run" : "Retry";
  // A rehearsal that went well is not the real thing: offer the real run next.
  const rehearsed = status === "succeeded" && sv.rehearsal;
  const showRun = machine && mayRun && (retryable || rehearsed) && (!gated || approved);
  const buttons = [
    showRun ? (
      step.destructive ? (
        <ConfirmRunButton key="run" step={step} label={rehearsed ? "Run for real" : runLabel} primary={isNext || rehearsed} setOptimistic={setOptimistic} />
      ) : (
        <QueueButton key="run" stepId={step.id} label={runLabel} rehearsal={false} primary={isNext} setOptimistic={setOptimistic} />
      )
    ) : null,
    machine && can["step.run"] && retryable && step.destructive && sqlOnly ? (
      <QueueButton key="rehearse" stepId={step.id} label="Rehearse" rehearsal primary={false} setOptimistic={setOptimistic} />
    ) : null,
    gated && (retryable || rehearsed) ? <ApprovalPanel key="approval" step={step} approval={approval} /> : null,
    (status === "queued" || status === "running") && can["step.cancel"] ? <CancelButton key="cancel" stepId={step.id} requested={sv.cancelRequested} /> : null,
    retryable && !machine && can["step.manual_done"] ? <ManualDoneForm key="done" stepId={step.id} primary setOptimistic={setOptimistic} /> : null,
    retryable && can["step.skip"] ? <SkipForm key="skip" stepId={step.id} setOptimistic={setOptimistic} /> : null,
  ].filter(Boolean);
  if (buttons.length === 0) return null;
  return (
    <div data-testid="step-actions" className="flex flex-wrap items-center gap-2">
      {buttons}
    </div>
  );
}
