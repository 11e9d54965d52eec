import { formatBudget, formatDateTime, formatDuration, statusLabel, versusBudget } from "@/lib/reports/format";
import type { ReportSummary as Summary } from "@/lib/reports/types";

const OUTCOME: Record<string, string> = {
  succeeded: "bg-emerald-100 text-emerald-900",
  failed: "bg-red-100 text-red-900",
  aborted: "bg-amber-100 text-amber-900",
  active: "bg-sky-100 text-sky-900",
};

export function ReportSummary({ s }: { s: Summary }) {
  const rows: [string, string][] = [
    ["Runbook", `${s.runbook.title} (${s.runbook.slug}, version ${s.runbook.version})`],
    ["Target", s.target ? `${s.target.name}${s.target.protected ? " (production)" : ""}` : "—"],
    ["Scenario", s.scenario?.title ?? "whole runbook"],
    ["Drill", s.drill ? "yes" : "no"],
    ["Commander", s.commander ?? "—"],
    ["Participants", s.participants.join(", ") || "—"],
    ["Started", formatDateTime(s.startedAt)],
    ["Finished", formatDateTime(s.finishedAt)],
    ["Duration", s.durationMs === null ? "—" : versusBudget(s.durationMs, s.rto.budgetSeconds)],
    ["RTO", s.rto.budgetSeconds === null ? "none documented" : `${formatBudget(s.rto.budgetSeconds)} (${s.rto.source ?? ""})`],
    ["Step execution time", formatDuration(s.executionMs)],
    [
      "Steps",
      `${s.counts.succeeded} succeeded, ${s.counts.failed} failed, ${s.counts.skipped} skipped, ${s.counts.manual} by hand, ${s.counts.notRun} not run (of ${s.counts.inScope})`,
    ],
  ];
  const inputs = Object.entries(s.variables);
  if (inputs.length) rows.push(["Inputs", inputs.map(([k, v]) => `${k}=${v}`).join(", ")]);
  if (s.reviewers.length) rows.push(["Reviewers", s.reviewers.join(", ")]);
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <span data-testid="report-outcome" className={`rounded px-2 py-0.5 text-sm font-semibold ${OUTCOME[s.outcome] ?? "bg-slate-100"}`}>
          {statusLabel(s.outcome)}
        </span>
        {s.rto.withinBudget === null ? null : (
          <span data-testid="report-rto" className={`rounded px-2 py-0.5 text-sm ${s.rto.withinBudget ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-900"}`}>
            RTO {s.rto.withinBudget ? "met" : "missed"}
          </span>
        )}
        {s.finishNote ? <span className="text-sm text-slate-600">{s.finishNote}</span> : null}
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-medium text-slate-600">{k}</dt>
            <dd className="text-slate-900" data-testid={`summary-${k.toLowerCase().replace(/\s+/g, "-")}`}>
              {v}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
