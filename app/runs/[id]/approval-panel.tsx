"use client";

import type { Step } from "@/lib/importer/types";
import type { ApprovalView } from "@/lib/runs/project";
import { breakGlassAction, decideApprovalAction, requestApprovalAction } from "./approval-actions";
import { useCommand } from "./use-command";
import { useRun } from "./use-run";

// The two-person rule on the step card: ask for approval, see exactly what will run, let a
// second commander approve or reject, or (admins only) break glass. The server decides; this
// only offers what the signed-in user may do.

function Feedback({ ok, message }: { ok: boolean | null; message: string | null }) {
  return (
    <span role="status" aria-live="polite" className={`text-sm ${ok === false ? "font-medium text-red-800" : "text-slate-600"}`}>
      {message}
    </span>
  );
}

function RequestForm({ step }: { step: Step }) {
  const { runId } = useRun();
  const [state, formAction, pending] = useCommand((form) => requestApprovalAction({ runId, stepId: step.id, reason: String(form.get("reason") ?? "") }), {
    success: "Approval requested.",
  });
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input name="reason" placeholder="Why now (optional)" aria-label="Reason for the approval request" className="min-w-64 flex-1 rounded border border-slate-300 px-2 py-1 text-sm" />
      <button type="submit" disabled={pending} className="rounded bg-amber-600 px-3 py-1 text-sm font-semibold text-white hover:bg-amber-700 disabled:opacity-60">
        Request approval
      </button>
      <Feedback {...state} />
    </form>
  );
}

function DecideForm({ step, approval }: { step: Step; approval: ApprovalView }) {
  const { runId } = useRun();
  const [state, formAction, pending] = useCommand((form) =>
    decideApprovalAction({
      runId,
      stepId: step.id,
      approvalId: approval.approvalId,
      decision: form.get("decision") === "approve" ? "approve" : "reject",
      note: String(form.get("note") ?? ""),
    }),
  );
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input name="note" placeholder="Note (required to reject)" aria-label="Approval note" className="min-w-64 flex-1 rounded border border-slate-300 px-2 py-1 text-sm" />
      <button type="submit" name="decision" value="approve" disabled={pending} className="rounded bg-emerald-700 px-3 py-1 text-sm font-semibold text-white disabled:opacity-60">
        Approve
      </button>
      <button type="submit" name="decision" value="reject" disabled={pending} className="rounded border border-red-300 bg-white px-3 py-1 text-sm font-semibold text-red-800 disabled:opacity-60">
        Reject
      </button>
      <Feedback {...state} />
    </form>
  );
}

function BreakGlassForm({ step }: { step: Step }) {
  const { runId, targetName } = useRun();
  const [state, formAction, pending] = useCommand((form) =>
    breakGlassAction({ runId, stepId: step.id, reason: String(form.get("reason") ?? ""), confirmation: String(form.get("confirmation") ?? "") }),
  );
  return (
    <details>
      <summary className="cursor-pointer text-sm font-semibold text-red-800">Break glass (admin emergency)…</summary>
      <form action={formAction} className="mt-2 flex flex-col gap-2 rounded border border-red-300 bg-red-50 p-3">
        <p className="text-sm text-red-900">Runs this step now without a second approval. It is recorded in the run, the report and the audit trail.</p>
        <label className="flex flex-col gap-1 text-sm">
          Why this cannot wait (at least 20 characters)
          <input name="reason" required minLength={20} className="rounded border border-slate-300 bg-white px-2 py-1" />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Type the target&apos;s name ({targetName})
          <input name="confirmation" required className="rounded border border-slate-300 bg-white px-2 py-1" />
        </label>
        <div className="flex items-center gap-2">
          <button type="submit" disabled={pending} className="rounded bg-red-700 px-3 py-1 text-sm font-semibold text-white disabled:opacity-60">
            Break glass and run
          </button>
          <Feedback {...state} />
        </div>
      </form>
    </details>
  );
}

const STATE_TEXT: Record<ApprovalView["state"], string> = {
  requested: "Waiting for a second commander",
  granted: "Approved: ready to run once",
  rejected: "Rejected",
  break_glass: "Break glass: may run once without approval",
  used: "Approval used by the last execution",
};

export function ApprovalPanel({ step, approval }: { step: Step; approval: ApprovalView | null }) {
  const { can, me } = useRun();
  const waiting = approval?.state === "requested";
  const ready = approval?.state === "granted" || approval?.state === "break_glass";
  const mayDecide = waiting && can["step.approve"] && approval.requestedById !== me.id;
  return (
    <section data-testid="approval-panel" aria-label="Two-person approval" className="flex flex-col gap-2 rounded border border-amber-300 bg-amber-50 p-3">
      <p className="text-sm font-semibold text-amber-900">
        Two-person rule: this step changes a protected target.{" "}
        <span data-testid="approval-state">{approval ? STATE_TEXT[approval.state] : "Needs a second commander's approval"}</span>
      </p>
      {approval ? (
        <div className="text-sm text-slate-700">
          <p>
            Requested by {approval.requestedBy ?? "?"}
            {approval.reason ? ` — “${approval.reason}”` : ""}
            {approval.decidedBy ? `; ${approval.state === "rejected" ? "rejected" : "decided"} by ${approval.decidedBy}${approval.note ? ` — “${approval.note}”` : ""}` : ""}
          </p>
          <p className="mt-1 text-xs text-slate-500">Exactly what will run on {approval.targetName}:</p>
          <pre data-testid="approval-command" className="mt-1 max-h-60 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100">
            {approval.command}
          </pre>
          {Object.keys(approval.variables).length ? (
            <p className="mt-1 text-xs text-slate-600">
              With {Object.entries(approval.variables).map(([k, v]) => `${k}=${v}`).join(", ")}
            </p>
          ) : null}
        </div>
      ) : null}
      {waiting && approval.requestedById === me.id ? <p className="text-sm text-slate-600">Ask another commander to open this run and approve.</p> : null}
      {mayDecide ? <DecideForm step={step} approval={approval} /> : null}
      {!waiting && !ready && can["step.request_approval"] ? <RequestForm step={step} /> : null}
      {!ready && can["step.break_glass"] ? <BreakGlassForm step={step} /> : null}
    </section>
  );
}
