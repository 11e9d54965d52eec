"use client";

import Link from "next/link";
import type { OverviewRun } from "@/lib/runs/list-runs";
import { Elapsed } from "./[id]/elapsed";
import { formatClock } from "./[id]/format-time";
import { StepStatusBadge } from "./[id]/step-status";

// One run in progress on the overview: where it is (the running step, else the last one
// finished), how far along, and its RTO clock against the runbook's budget.

function WhereItIs({ run }: { run: OverviewRun }) {
  const { currentStep: cur, lastStep: last } = run;
  if (cur) {
    const more = run.steps.running > 1 ? ` (+${run.steps.running - 1} more)` : "";
    return (
      <p data-testid="active-run-step" className="flex flex-wrap items-center gap-1.5 text-sm">
        <StepStatusBadge status={cur.status} />
        <span className="font-medium">
          #{cur.number} {cur.title}
        </span>
        {more}
        {cur.at ? (
          <span className="text-xs text-slate-500">
            for <Elapsed testId="step-clock" startedAt={Date.parse(cur.at)} endedAt={null} budgetSeconds={null} />
          </span>
        ) : null}
      </p>
    );
  }
  return (
    <p data-testid="active-run-step" className="text-sm text-slate-600">
      {last ? (
        <>
          Waiting for the next step · last: <span className="font-medium text-slate-800">#{last.number} {last.title}</span>{" "}
          <StepStatusBadge status={last.status} />
          {last.at ? <span className="text-xs"> at {formatClock(last.at)}</span> : null}
        </>
      ) : (
        "No step started yet"
      )}
    </p>
  );
}

export function ActiveRunCard({ run }: { run: OverviewRun }) {
  const { steps } = run;
  const pct = steps.total ? Math.round((100 * steps.done) / steps.total) : 0;
  return (
    <li data-testid="active-run" data-run-id={run.id} className="flex flex-col gap-2 rounded-md border border-blue-200 bg-white p-3 shadow-sm">
      <div className="flex flex-wrap items-baseline gap-2">
        <Link href={`/runs/${run.id}`} className="text-base font-semibold text-slate-900 hover:underline">
          {run.runbook.title}
        </Link>
        <span className="text-xs text-slate-500">
          v{run.runbook.version}
          {run.scenario ? ` · ${run.scenario}` : ""}
        </span>
        {run.drill ? <span className="rounded bg-violet-100 px-1.5 py-0.5 text-xs font-semibold text-violet-800 uppercase">Drill</span> : null}
        <span className="ml-auto font-mono text-sm">
          {run.target.name}
          {run.target.protected ? <span className="ml-1.5 rounded bg-red-700 px-1 py-0.5 font-sans text-[11px] font-bold text-white">PROD</span> : null}
        </span>
      </div>
      <WhereItIs run={run} />
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <span className="flex items-center gap-2 tabular-nums">
          <progress value={steps.done} max={Math.max(1, steps.total)} aria-label={`${steps.done} of ${steps.total} steps done`} className="h-2 w-28 accent-emerald-600" />
          <span data-testid="active-run-progress">
            {steps.done}/{steps.total} steps done ({pct} %)
          </span>
        </span>
        {steps.failed ? <span className="font-semibold text-red-700">{steps.failed} need attention</span> : null}
        <span>
          <span className="text-slate-500">RTO </span>
          <Elapsed testId="overview-clock" startedAt={Date.parse(run.startedAt)} endedAt={null} budgetSeconds={run.budget?.seconds ?? null} />
          {run.budget ? <span className="ml-1 text-xs text-slate-500">(budget from {run.budget.source})</span> : null}
        </span>
        <span className="ml-auto text-xs text-slate-500">
          started by {run.startedBy} at {formatClock(run.startedAt)}
        </span>
      </div>
    </li>
  );
}
