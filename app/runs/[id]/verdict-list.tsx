"use client";

import { formatExpectation, isCheckable } from "@/components/markdown/format-expectation";
import type { Verdict } from "@/lib/executors/types";
import type { Expectation } from "@/lib/importer/types";
import type { StepView } from "@/lib/runs/project";
import { acknowledgeVerdictAction } from "./actions";
import { useCommand } from "./use-command";
import { useRun } from "./use-run";

const OUTCOME: Record<Verdict["outcome"], { label: string; className: string }> = {
  pass: { label: "Pass", className: "bg-emerald-600 text-white" },
  fail: { label: "Fail", className: "bg-red-700 text-white" },
  not_checkable: { label: "Not checkable", className: "bg-slate-200 text-slate-700" },
};

function VerdictRow({ verdict }: { verdict: Verdict }) {
  const o = OUTCOME[verdict.outcome];
  const failed = verdict.outcome === "fail";
  return (
    <li data-testid="verdict" data-outcome={verdict.outcome} className={`flex flex-wrap items-baseline gap-x-2 gap-y-0.5 ${failed ? "font-medium text-red-900" : ""}`}>
      <span className={`rounded px-1.5 py-0.5 text-[11px] font-bold tracking-wide uppercase ${o.className}`}>{o.label}</span>
      <span>
        expected <span className="font-mono">{formatExpectation(verdict.expectation)}</span>
      </span>
      {verdict.outcome !== "not_checkable" ? (
        <span className={failed ? "text-red-800" : "text-slate-500"}>
          · got <span className="font-mono">{verdict.actual || "(nothing)"}</span>
        </span>
      ) : null}
      {verdict.reason && verdict.outcome !== "pass" ? <span className="basis-full pl-1 text-xs text-slate-600">{verdict.reason}</span> : null}
    </li>
  );
}

function AcknowledgeForm({ stepId }: { stepId: string }) {
  const { runId } = useRun();
  const [state, formAction, pending] = useCommand((form) =>
    acknowledgeVerdictAction({ runId, stepId, note: String(form.get("note") ?? "") }),
  );
  return (
    <form action={formAction} className="mt-2 flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor={`ack-${stepId}`}>
        Why is this acceptable?
      </label>
      <input
        id={`ack-${stepId}`}
        name="note"
        required
        placeholder="Why is this acceptable? (recorded in the report)"
        className="min-w-64 flex-1 rounded border border-red-300 bg-white px-2 py-1 text-sm"
      />
      <button type="submit" disabled={pending} className="rounded bg-red-700 px-3 py-1 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60">
        {pending ? "Acknowledging…" : "Acknowledge"}
      </button>
      <p aria-live="polite" className="basis-full text-sm text-red-800">
        {state.ok === false ? state.message : null}
      </p>
    </form>
  );
}

export function VerdictList({ stepId, expect, step }: { stepId: string; expect: Expectation[]; step: StepView }) {
  const { view, can } = useRun();
  if (step.verdicts.length === 0) {
    if (expect.length === 0) return null;
    return (
      <div className="text-sm">
        <h5 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">Expect</h5>
        <ul aria-label="Expectations" className="flex flex-col gap-0.5 text-slate-700">
          {expect.map((e, i) => (
            <li key={i} className="flex items-baseline gap-1.5">
              <span aria-hidden="true" className="text-slate-400">
                ○
              </span>
              <span className="font-mono">{formatExpectation(e)}</span>
              {isCheckable(e) ? null : <span className="text-xs text-slate-400">(checked by a person)</span>}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const failed = step.verdicts.some((v) => v.outcome === "fail");
  const body = (
    <ul aria-label="Verdicts" className="flex flex-col gap-1 text-sm">
      {step.verdicts.map((v, i) => (
        <VerdictRow key={i} verdict={v} />
      ))}
    </ul>
  );
  if (!failed) return body;
  return (
    <div role="alert" data-testid="failed-verification" className="rounded border-2 border-red-600 bg-red-50 p-3">
      <p className="mb-2 font-semibold text-red-800">
        <span aria-hidden="true">⚠ </span>Verification failed
        {step.rehearsal ? " (rehearsal)" : ""}
      </p>
      {body}
      {step.acknowledged ? (
        <p className="mt-2 text-sm text-red-900">
          Acknowledged by <strong>{step.acknowledged.by ?? "someone"}</strong>: {step.acknowledged.note}
        </p>
      ) : view.status === "active" && can["step.acknowledge"] ? (
        <AcknowledgeForm stepId={stepId} />
      ) : null}
    </div>
  );
}
