import type { ReactNode } from "react";
import { formatDateTime } from "@/lib/reports/format";
import type { Report, ReportStep } from "@/lib/reports/types";
import { DurationChart } from "./duration-chart";
import { ReportSections } from "./report-steps";
import { ReportSummary } from "./report-summary";
import { Artifacts, RtoTables, Timeline } from "./report-tables";

// The report as the page (and its PDF) shows it. Synchronous and prop-driven: the interactive
// reviewer pieces come in through slots, so the same document renders without them (tests, HTML).

export interface ReportSlots {
  actions?: ReactNode;
  signOff?: ReactNode;
  incident?: ReactNode;
  comments?: ReactNode;
  stepExtra?: (s: ReportStep) => ReactNode;
}

function Block({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="report-block rounded border border-slate-200 bg-white p-4">
      <h2 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function ReportDocument({ report, slots = {} }: { report: Report; slots?: ReportSlots }) {
  const { summary } = report;
  return (
    <div className="report flex flex-col gap-5" data-testid="report">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight" data-testid="report-title">
            {summary.title}
          </h1>
          <p className="text-sm text-slate-500">
            {summary.scenario?.title ?? "Whole runbook"} on {summary.target?.name ?? "—"} · started {formatDateTime(summary.startedAt)}
            {summary.drill ? " · drill" : ""}
          </p>
        </div>
        {slots.actions}
      </header>
      <Block id="report-summary" title="Summary">
        <ReportSummary s={summary} />
      </Block>
      <Block id="report-review" title="Sign-off">
        {slots.signOff ?? (
          <p className="text-sm">{report.review.signOff ? `Signed off by ${report.review.signOff.name} at ${formatDateTime(report.review.signOff.at)}` : "Not signed off."}</p>
        )}
      </Block>
      <Block id="report-chart" title="Step durations vs budgets">
        {report.chart.length ? <DurationChart bars={report.chart} /> : <p className="text-sm text-slate-500">No step has run yet.</p>}
      </Block>
      <Block id="report-rto" title="Recovery time objectives">
        <RtoTables tables={report.rtoTables} />
      </Block>
      {report.artifacts.length ? (
        <Block id="report-artifacts" title="Backups and restores">
          <Artifacts items={report.artifacts} />
        </Block>
      ) : null}
      <Block id="report-incident" title="Incident report">
        {slots.incident ?? (
          <dl className="grid grid-cols-[14rem_1fr] gap-1 text-sm">
            {report.incident.map((f) => (
              <div key={f.key} className="contents">
                <dt className="font-medium text-slate-600">{f.label}</dt>
                <dd>{f.value || "—"}</dd>
              </div>
            ))}
          </dl>
        )}
      </Block>
      {report.approvals.length ? (
        <Block id="report-approvals" title="Approvals (two-person rule)">
          <ul data-testid="report-approvals" className="flex flex-col gap-1 text-sm">
            {report.approvals.map((a, i) => (
              <li key={i} className={a.kind === "break_glass" ? "rounded bg-red-100 px-2 py-1 font-semibold text-red-900" : "px-2 py-0.5"}>
                {formatDateTime(a.at)} · {a.step} · {a.kind === "break_glass" ? "BREAK GLASS, run without a second approval" : a.kind.replace("_", " ")} by{" "}
                {a.by ?? "desk"}
                {a.text ? `: ${a.text}` : ""}
              </li>
            ))}
          </ul>
        </Block>
      ) : null}
      <Block id="report-steps" title="Steps">
        <ReportSections sections={report.sections} runId={summary.runId} stepExtra={slots.stepExtra} />
      </Block>
      <Block id="report-timeline-heading" title="Timeline">
        <Timeline entries={report.timeline} />
      </Block>
      <Block id="report-comments" title="Comments">
        {report.comments.length ? (
          <ul aria-label="Report comments" data-testid="report-comments" className="mb-3 flex flex-col gap-1 text-sm">
            {report.comments.map((c, i) => (
              <li key={i} className="rounded bg-slate-50 px-2 py-1">
                <span className="font-medium">{c.by ?? "desk"}</span>{" "}
                <span className="text-xs text-slate-500">
                  {formatDateTime(c.at)}
                  {c.origin === "review" ? " · review" : " · during the run"}
                </span>
                <p className="whitespace-pre-wrap">{c.text}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-3 text-sm text-slate-500">No comments.</p>
        )}
        {slots.comments}
        {report.review.history.length ? (
          <ul className="mt-3 text-xs text-slate-500" aria-label="Review history">
            {report.review.history.map((h, i) => (
              <li key={i}>
                {formatDateTime(h.at)} — {h.kind === "signed_off" ? `signed off as ${h.name ?? ""}` : "reopened"} by {h.by ?? "desk"}
                {h.text ? `: ${h.text}` : ""}
              </li>
            ))}
          </ul>
        ) : null}
      </Block>
      <p className="text-xs text-slate-400">
        Built from {report.lastSeq} run events and {summary.runbook.slug} version {summary.runbook.version}.
      </p>
    </div>
  );
}
