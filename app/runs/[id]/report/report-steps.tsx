import type { ReactNode } from "react";
import { CodeBlock } from "@/components/markdown/code-block";
import { DestructiveBadge, ExecutorBadge } from "@/components/markdown/step-badges";
import { formatDateTime, statusLabel, versusBudget } from "@/lib/reports/format";
import type { ReportSection, ReportStep } from "@/lib/reports/types";

const STATUS: Record<string, string> = {
  succeeded: "bg-emerald-100 text-emerald-900",
  done_manually: "bg-emerald-50 text-emerald-900",
  failed: "bg-red-100 text-red-900",
  timed_out: "bg-red-100 text-red-900",
  interrupted: "bg-red-100 text-red-900",
  cancelled: "bg-amber-100 text-amber-900",
  skipped: "bg-slate-100 text-slate-700",
  pending: "bg-slate-50 text-slate-500",
};
const VERDICT: Record<string, string> = { pass: "text-emerald-800", fail: "text-red-800 font-semibold", not_checkable: "text-slate-500" };

function StepDetail({ s, extra, runId }: { s: ReportStep; extra?: ReactNode; runId: string | null }) {
  const facts: string[] = [];
  if (s.queuedBy) facts.push(`run by ${s.queuedBy}${s.confirmation ? `, confirmed by typing “${s.confirmation}”` : ""}`);
  if (s.startedAt || s.finishedAt) facts.push(`${formatDateTime(s.startedAt)} → ${formatDateTime(s.finishedAt)}`);
  if (s.attempts > 1) facts.push(`${s.attempts} attempts`);
  if (s.rehearsal) facts.push("rehearsal");
  return (
    <article aria-label={`#${s.number} ${s.title}`} data-testid="report-step" data-status={s.status} className="break-inside-avoid rounded border border-slate-200 bg-white p-3">
      <header className="flex flex-wrap items-center gap-2">
        <h4 className="font-semibold">
          #{s.number} {s.title}
        </h4>
        <ExecutorBadge executor={s.executor} />
        {s.destructive ? <DestructiveBadge /> : null}
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS[s.status] ?? "bg-slate-100"}`}>{statusLabel(s.status)}</span>
        <span className={`text-sm tabular-nums ${s.overBudget ? "text-red-800" : "text-slate-600"}`}>{versusBudget(s.durationMs, s.budgetSeconds)}</span>
      </header>
      {facts.length ? <p className="mt-1 text-xs text-slate-500">{facts.join(" · ")}</p> : null}
      {s.error ? <p className="mt-1 text-sm text-red-800">{s.error}</p> : null}
      {s.reason ? <p className="mt-1 text-sm text-slate-700">Reason: {s.reason}</p> : null}
      {s.manual ? <p className="mt-1 text-sm text-slate-700">Done by hand by {s.manual.by ?? "desk"}{s.manual.note ? `: ${s.manual.note}` : ""}</p> : null}
      {s.acknowledged ? <p className="mt-1 text-sm text-amber-900">Failed verification acknowledged by {s.acknowledged.by ?? "desk"}: {s.acknowledged.note}</p> : null}
      {s.commands.map((c, i) => (
        <CodeBlock key={i} code={c.code} lang={c.executor === "sql" ? "sql" : c.executor === "shell" ? "bash" : null} className="mt-2 text-xs" />
      ))}
      {s.verdicts.length ? (
        <ul className="mt-2 text-sm" aria-label="Expectations">
          {s.verdicts.map((v, i) => (
            <li key={i} data-testid="report-verdict" data-outcome={v.outcome} className={VERDICT[v.outcome]}>
              {v.outcome === "pass" ? "✓" : v.outcome === "fail" ? "✗" : "·"} expected {v.expectation}
              {v.actual ? `, got ${v.actual}` : v.reason ? ` (${v.reason})` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      {s.output.tables.map((t, i) => (
        <div key={i} className="mt-2 overflow-x-auto">
          <table className="border-collapse text-xs">
            <thead>
              <tr>
                {t.columns.map((c, j) => (
                  <th key={j} className="border border-slate-200 bg-slate-50 px-1.5 py-0.5 text-left">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.rows.map((r, j) => (
                <tr key={j}>
                  {r.map((v, k) => (
                    <td key={k} className="border border-slate-200 px-1.5 py-0.5 font-mono">
                      {v}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="text-xs text-slate-500">
            {t.rowCount} row(s){t.truncated ? ", first rows shown" : ""}
          </p>
        </div>
      ))}
      {s.output.text ? (
        <>
          <details className="mt-2 print:hidden" data-testid="report-output">
            <summary className="cursor-pointer text-xs text-slate-500 select-none">Output ({s.output.lineCount} lines)</summary>
            <pre className="mt-1 max-h-96 overflow-auto rounded bg-slate-900 p-2 text-xs whitespace-pre-wrap text-slate-100">{s.output.text}</pre>
            {runId ? (
              <a href={`/api/runs/${encodeURIComponent(runId)}/report?format=txt&step=${encodeURIComponent(s.id)}`} download className="text-xs text-sky-800 hover:underline">
                Download full output
              </a>
            ) : null}
          </details>
          <pre className="mt-2 hidden text-xs whitespace-pre-wrap print:block">{s.output.excerpt}</pre>
        </>
      ) : null}
      {Object.keys(s.produced).length ? (
        <p className="mt-1 font-mono text-xs break-all text-slate-600">
          {Object.entries(s.produced)
            .map(([k, v]) => `${k}=${v}`)
            .join("  ")}
        </p>
      ) : null}
      {s.notes.length ? (
        <ul aria-label="Comments" className="mt-2 flex flex-col gap-1 text-sm">
          {s.notes.map((n, i) => (
            <li key={i} className="rounded bg-slate-50 px-2 py-1">
              <span className="font-medium">{n.by ?? "desk"}</span> <span className="text-xs text-slate-500">{formatDateTime(n.at)}{n.origin === "review" ? " · review" : ""}</span>
              <p className="whitespace-pre-wrap">{n.text}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {extra ? <div className="mt-2">{extra}</div> : null}
    </article>
  );
}

export function ReportSections({ sections, runId, stepExtra }: { sections: ReportSection[]; runId: string | null; stepExtra?: (s: ReportStep) => ReactNode }) {
  return (
    <div className="flex flex-col gap-5">
      {sections.map((sec) => (
        <section key={sec.id ?? "_"} aria-label={sec.title} style={{ marginLeft: `${Math.max(0, sec.depth - 2) * 0.75}rem` }} className="flex flex-col gap-2">
          <h3 className="flex flex-wrap items-baseline gap-3 text-base font-semibold">
            {sec.title}
            {sec.budgetSeconds !== null || sec.actualMs !== null ? (
              <span className={`text-sm font-normal ${sec.overBudget ? "text-red-800" : "text-slate-500"}`}>{versusBudget(sec.actualMs, sec.budgetSeconds)}</span>
            ) : null}
          </h3>
          {sec.checks.length ? (
            <ul className="text-sm">
              {sec.checks.map((c) => (
                <li key={c.id} data-testid="report-check">
                  {c.checked ? "☑" : "☐"} {c.text}
                  {c.by ? <span className="text-xs text-slate-500"> — {c.checked ? "ticked" : "unticked"} by {c.by}, {formatDateTime(c.at)}</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
          {sec.blanks.length ? (
            <ul className="text-sm">
              {sec.blanks.map((b) => (
                <li key={b.id} data-testid="report-blank">
                  {b.label}: {b.value ? <strong>{b.value}</strong> : <em className="text-slate-400">not filled</em>}
                  {b.by ? <span className="text-xs text-slate-500"> — {b.by}, {formatDateTime(b.at)}</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
          {sec.steps.map((s) => (
            <StepDetail key={s.id} s={s} runId={runId} extra={stepExtra?.(s)} />
          ))}
        </section>
      ))}
    </div>
  );
}
