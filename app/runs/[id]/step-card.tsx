"use client";

import { useOptimistic, type ReactNode } from "react";
import { DestructiveBadge, ExecutorBadge } from "@/components/markdown/step-badges";
import type { Step } from "@/lib/importer/types";
import { emptyStep } from "@/lib/runs/project";
import { Comments } from "./comments";
import { formatClock, formatDuration } from "./format-time";
import { StepActions } from "./step-actions";
import { StepOutput } from "./step-output";
import { StepStatusBadge } from "./step-status";
import { useRun } from "./use-run";
import { VerdictList } from "./verdict-list";

const BAD = new Set(["failed", "timed_out"]);

// One step of the run: the code as written (rendered on the server, passed in as `code`), what
// the desk may do with it, and everything that happened to it so far.
export function RunStepCard({ step, number, inScope, code }: { step: Step; number: number; inScope: boolean; code: ReactNode }) {
  const { view, nextStepId, targetName } = useRun();
  const sv = view.steps[step.id] ?? emptyStep();
  const [status, setOptimistic] = useOptimistic(sv.status);
  const preflight = view.preflight[step.id];
  const runnable = preflight?.runnable !== false;
  const isNext = nextStepId === step.id;
  const verdictFailed = sv.verdicts.some((v) => v.outcome === "fail");
  const bad = BAD.has(status) || verdictFailed;
  const active = view.status === "active";

  const frame = bad
    ? "border-red-600 border-2 shadow-md shadow-red-100"
    : isNext
      ? "border-blue-500 border-2 ring-4 ring-blue-100"
      : status === "running" || status === "queued"
        ? "border-blue-300"
        : "border-slate-200";
  const stripe = step.destructive ? "border-l-[6px] border-l-red-600" : status === "succeeded" || status === "done_manually" ? "border-l-[6px] border-l-emerald-500" : "border-l-[6px] border-l-slate-300";
  const headerTone = bad ? "bg-red-50" : step.destructive ? "bg-red-50/60" : "bg-slate-50";

  return (
    <article
      id={`step-${step.id}`}
      data-testid="run-step"
      data-step-id={step.id}
      data-status={status}
      data-next={isNext ? "true" : undefined}
      aria-label={`#${number} ${step.title}`}
      className={`my-3 scroll-mt-28 overflow-hidden rounded-md border bg-white ${frame} ${stripe} ${inScope ? "" : "opacity-80"}`}
    >
      {isNext ? (
        <p className="bg-blue-600 px-3 py-0.5 text-xs font-bold tracking-wider text-white uppercase">
          <span aria-hidden="true">→ </span>Next step
        </p>
      ) : null}
      <header className={`flex flex-wrap items-center gap-2 border-b border-slate-100 px-3 py-2 ${headerTone}`}>
        <span className="rounded bg-slate-800 px-1.5 py-0.5 text-xs font-semibold text-white tabular-nums">#{number}</span>
        <h4 className="min-w-0 flex-1 truncate text-sm font-medium text-slate-900" title={step.title}>
          {step.title}
        </h4>
        <ExecutorBadge executor={step.executor} />
        {step.destructive ? <DestructiveBadge /> : null}
        <StepStatusBadge status={status} rehearsal={sv.rehearsal && status !== "pending"} />
        {sv.attempt > 1 ? <span className="text-xs text-slate-500">attempt {sv.attempt}</span> : null}
        {sv.durationMs !== null ? <span className="text-xs text-slate-500 tabular-nums">{formatDuration(sv.durationMs)}</span> : null}
      </header>

      {!runnable && preflight?.reason ? (
        <p data-testid="preflight-reason" className="border-b border-amber-200 bg-amber-50 px-3 py-1.5 text-sm text-amber-900">
          <strong>Cannot run on this desk:</strong> {preflight.reason}. Do it by hand, then mark it done.
        </p>
      ) : null}

      <div className="[&_pre]:my-0 [&_pre]:rounded-none [&_pre]:border-0 [&_pre]:bg-white">{code}</div>

      <div className="flex flex-col gap-3 border-t border-slate-100 px-3 py-2.5">
        {/* Buttons follow the recorded status, not the optimistic one: a refused command keeps its
            button (and the refusal beside it) on screen. */}
        {active ? <StepActions step={step} sv={sv} status={sv.status} runnable={runnable} isNext={isNext} setOptimistic={setOptimistic} /> : null}

        {sv.rehearsal && sv.status !== "queued" && sv.status !== "running" && sv.status !== "pending" ? (
          <p className="text-sm text-violet-800">Rehearsal: ran inside a transaction that was rolled back. Nothing on {targetName} changed.</p>
        ) : null}

        {sv.queuedBy ? (
          <p className="text-xs text-slate-500">
            {sv.rehearsal ? "Rehearsal queued" : "Queued"} by {sv.queuedBy}
            {sv.confirmation ? (
              <>
                {" "}
                · confirmed as <span className="font-mono">{sv.confirmation}</span>
              </>
            ) : null}
            {sv.startedAt ? ` · started ${formatClock(sv.startedAt)}` : ""}
            {sv.finishedAt ? ` · finished ${formatClock(sv.finishedAt)}` : ""}
          </p>
        ) : null}

        <StepOutput chunks={sv.output} stepId={step.id} />

        {/* A failed verification says it all in the verdict box below. */}
        {sv.error && !(verdictFailed && sv.error.startsWith("Verification failed")) ? (
          <p role={BAD.has(sv.status) ? "alert" : undefined} className="rounded border border-red-300 bg-red-50 px-3 py-2 font-mono text-sm whitespace-pre-wrap text-red-900">
            {sv.error}
          </p>
        ) : null}

        {sv.status === "skipped" || sv.status === "interrupted" ? (
          <p className={`text-sm ${sv.status === "interrupted" ? "font-medium text-amber-900" : "text-slate-600"}`}>
            {sv.status === "skipped" ? "Skipped" : "Interrupted"}: {sv.reason}
          </p>
        ) : null}

        {sv.manual ? (
          <div className="text-sm text-slate-700">
            Done by hand by <strong>{sv.manual.by ?? "someone"}</strong>
            {sv.manual.note ? `: ${sv.manual.note}` : ""}
            {sv.manual.output ? (
              <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-900 px-3 py-2 font-mono text-xs whitespace-pre-wrap text-slate-100">{sv.manual.output}</pre>
            ) : null}
          </div>
        ) : null}

        <VerdictList stepId={step.id} expect={step.expect} step={sv} />

        <Comments stepId={step.id} compact />
      </div>
    </article>
  );
}
