import type { ParsedRunbook } from "@/lib/importer/types";

export function RunbookSummary({ parsed }: { parsed: ParsedRunbook }) {
  const destructive = parsed.steps.filter((s) => s.destructive).length;
  const stats: [string, number, string?][] = [
    ["Steps", parsed.steps.length],
    ["Destructive", destructive, destructive > 0 ? "text-red-700" : undefined],
    ["Checks", parsed.checks.length],
    ["Blanks", parsed.blanks.length],
  ];
  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading" className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        In this runbook
      </h2>
      <dl className="grid grid-cols-2 gap-1 text-center">
        {stats.map(([label, n, tone]) => (
          <div key={label} className="flex items-baseline justify-between rounded border border-slate-200 bg-white px-2 py-1">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className={`text-base font-semibold tabular-nums ${tone ?? "text-slate-900"}`}>{n}</dd>
          </div>
        ))}
      </dl>
      {parsed.variables.length > 0 ? (
        <div className="mt-3">
          <h3 className="text-xs text-slate-500">Variables needed</h3>
          <ul className="mt-1 flex flex-wrap gap-1" aria-label="Variables needed">
            {parsed.variables.map((v) => (
              <li key={v} className="rounded bg-amber-50 px-1.5 py-0.5 font-mono text-xs text-amber-900 ring-1 ring-amber-200">
                {v}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
