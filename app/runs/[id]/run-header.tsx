"use client";

import Link from "next/link";
import type { RunView } from "@/lib/runs/project";
import { budgetState, type RunBudget } from "@/lib/runs/rto-clock";
import { Elapsed } from "./elapsed";
import { formatDateTime } from "./format-time";
import { RunPresence } from "./run-presence";
import { RunStatusBadge } from "./step-status";
import { useNow } from "./use-now";
import { useRun } from "./use-run";

const DONE = new Set(["succeeded", "done_manually", "skipped"]);

function progress(view: RunView, ids: readonly string[]) {
  let done = 0;
  let failed = 0;
  let running = 0;
  for (const id of ids) {
    const s = view.steps[id]?.status ?? "pending";
    if (DONE.has(s)) done++;
    if (s === "failed" || s === "timed_out" || s === "interrupted") failed++;
    if (s === "queued" || s === "running") running++;
  }
  return { done, failed, running, total: ids.length };
}

// Said once when the run's clock crosses 80 % and 100 % of its budget: a live region whose text
// changes only on those crossings, so screen readers hear two announcements, not a ticking clock.
function RtoAnnouncer({ startedAt, endedAt, budget }: { startedAt: number; endedAt: number | null; budget: RunBudget }) {
  const now = useNow();
  const state = budgetState((endedAt ?? now) - startedAt, budget.seconds);
  const text = endedAt !== null ? "" : state === "over" ? "The run is over its time budget." : state === "near" ? "The run has used 80 % of its time budget." : "";
  return (
    <span className="sr-only" aria-live="polite">
      {text}
    </span>
  );
}

export function RunHeader({ scenarioTitle, budget = null }: { scenarioTitle: string | null; budget?: RunBudget | null }) {
  const { runId, view, targetName, targetProtected, scopeStepIds, nextStepId, stepNumbers, stepTitles, connectionError } = useRun();
  const created = view.created;
  const p = progress(view, scopeStepIds);
  const active = view.status === "active";
  const startedAt = view.startedAt ? Date.parse(view.startedAt) : null;
  const endedAt = active ? null : view.finishedAt ? Date.parse(view.finishedAt) : startedAt;
  return (
    <>
      <header className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">
            {created ? (
              <Link href={`/runbooks/${encodeURIComponent(created.runbook.slug)}?v=${created.runbook.version}`} className="hover:underline">
                {created.runbook.title}
              </Link>
            ) : (
              "Run"
            )}
          </h1>
          {created ? <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-700">v{created.runbook.version}</span> : null}
          <RunStatusBadge status={view.status} />
          {created?.drill ? <span className="rounded bg-violet-100 px-2 py-0.5 text-xs font-semibold text-violet-800 uppercase">Drill</span> : null}
          <Link href={`/runs/${encodeURIComponent(runId)}/report`} data-testid="report-link" className="ml-auto rounded border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-50">
            Report
          </Link>
        </div>
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <div className="flex gap-1.5">
            <dt className="text-slate-500">Target</dt>
            <dd data-testid="run-target" className="font-mono font-semibold">
              {targetName}
              {targetProtected ? <span className="ml-1.5 rounded bg-red-700 px-1.5 py-0.5 font-sans text-xs text-white">PRODUCTION</span> : null}
            </dd>
          </div>
          <div className="flex gap-1.5">
            <dt className="text-slate-500">Scenario</dt>
            <dd data-testid="run-scenario">{scenarioTitle ?? "All steps"}</dd>
          </div>
          <div className="flex gap-1.5">
            <dt className="text-slate-500">Started by</dt>
            <dd>
              {view.startedBy ?? "—"} · {formatDateTime(view.startedAt)}
            </dd>
          </div>
          <div className="flex gap-1.5">
            <dt className="text-slate-500">{active ? "Elapsed" : "Took"}</dt>
            <dd>
              {startedAt !== null ? <Elapsed testId="run-clock" startedAt={startedAt} endedAt={endedAt} budgetSeconds={budget?.seconds ?? null} /> : "—"}
              {budget ? <span className="ml-1.5 text-xs text-slate-500">(budget from {budget.source})</span> : null}
            </dd>
          </div>
          {created && Object.keys(created.variables).length > 0 ? (
            <div className="flex gap-1.5">
              <dt className="text-slate-500">Inputs</dt>
              <dd className="font-mono text-xs leading-5">
                {Object.entries(created.variables)
                  .map(([k, v]) => `${k}=${v}`)
                  .join("  ")}
              </dd>
            </div>
          ) : null}
          {view.participants.length > 1 ? (
            <div className="flex gap-1.5">
              <dt className="text-slate-500">People</dt>
              <dd>{view.participants.join(", ")}</dd>
            </div>
          ) : null}
        </dl>
        <RunPresence />
      </header>

      <div
        data-testid="run-progress"
        className="sticky top-0 z-10 -mx-4 mt-3 flex flex-wrap items-center gap-x-4 gap-y-1 border-y border-slate-200 bg-white/95 px-4 py-2 text-sm shadow-sm backdrop-blur"
      >
        <span className="font-semibold tabular-nums">
          {p.done}/{p.total} steps done
        </span>
        <span aria-hidden="true" className="h-2 w-32 overflow-hidden rounded bg-slate-200">
          <span className="block h-full bg-emerald-500" style={{ width: `${p.total ? (100 * p.done) / p.total : 0}%` }} />
        </span>
        {active && startedAt !== null ? (
          <span className="text-xs">
            <span className="text-slate-500">RTO </span>
            <Elapsed testId="run-clock-sticky" startedAt={startedAt} endedAt={null} budgetSeconds={budget?.seconds ?? null} />
            {budget ? <RtoAnnouncer startedAt={startedAt} endedAt={endedAt} budget={budget} /> : null}
          </span>
        ) : null}
        {p.running ? <span className="font-medium text-blue-700">{p.running} running</span> : null}
        {p.failed ? <span className="font-semibold text-red-700">{p.failed} need attention</span> : null}
        {nextStepId ? (
          <a href={`#step-${nextStepId}`} data-testid="next-step-link" className="rounded bg-blue-700 px-2.5 py-1 font-semibold text-white hover:bg-blue-800">
            Next: #{stepNumbers[nextStepId]} · {stepTitles[nextStepId]}
          </a>
        ) : active ? (
          <a href="#finish" className="text-slate-600 underline">
            No runnable step pending · finish the run
          </a>
        ) : null}
        <span className="ml-auto text-xs" aria-live="polite">
          {connectionError ? (
            <span className="font-medium text-amber-800">Live updates paused: {connectionError}</span>
          ) : active ? (
            <span className="text-emerald-700">
              <span aria-hidden="true">● </span>live
            </span>
          ) : null}
        </span>
      </div>
    </>
  );
}
