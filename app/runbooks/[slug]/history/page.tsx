import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatBudget, formatDateTime, formatDuration, statusLabel, versusBudget } from "@/lib/reports/format";
import { targetsAllowed } from "@/lib/auth/permissions";
import { loadRunbookHistory } from "@/lib/reports/history";
import { DrillChart } from "./drill-chart";
import { requirePagePermission } from "@/lib/auth/page-guard";

export const dynamic = "force-dynamic";

const th = "border-b border-slate-200 px-2 py-1 text-left font-semibold";
const td = "border-b border-slate-100 px-2 py-1 align-top";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  return { title: `History: ${slug}` };
}

export default async function RunbookHistoryPage({ params }: { params: Promise<{ slug: string }> }) {
  const user = await requirePagePermission("runbook.read");
  const { slug } = await params;
  if (!/^[A-Za-z0-9_.-]{1,200}$/.test(slug)) notFound();
  // Only runs on targets this reader may watch.
  const history = await loadRunbookHistory(slug, targetsAllowed(user.grants, "run.view"));
  if (!history) notFound();
  const { runs, drills } = history;
  return (
    <div className="flex flex-col gap-6">
      <header>
        <p className="text-sm">
          <Link href={`/runbooks/${encodeURIComponent(slug)}`} className="text-slate-500 hover:text-slate-900">
            ← {history.title}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">History</h1>
      </header>
      <section aria-labelledby="history-runs" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="history-runs" className="mb-3 text-lg font-semibold">
          All runs ({runs.length})
        </h2>
        {runs.length === 0 ? (
          <p className="text-sm text-slate-500">This runbook has not been run yet.</p>
        ) : (
          <table className="w-full border-collapse text-sm" data-testid="history-runs">
            <thead>
              <tr>
                {["Started", "Version", "Target", "Scenario", "Kind", "Outcome", "Duration", ""].map((h) => (
                  <th key={h} className={th}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} data-testid="history-run">
                  <td className={`${td} tabular-nums`}>{formatDateTime(r.startedAt.toISOString())}</td>
                  <td className={td}>v{r.version}</td>
                  <td className={td}>{r.target}</td>
                  <td className={td}>{r.scenario ?? "—"}</td>
                  <td className={td}>{r.drill ? "drill" : "run"}</td>
                  <td className={td}>{statusLabel(r.status)}</td>
                  <td className={`${td} tabular-nums`}>{formatDuration(r.durationMs)}</td>
                  <td className={td}>
                    <Link href={`/runs/${r.id}/report`} className="text-sky-800 hover:underline">
                      Report
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="history-drills" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="history-drills" className="mb-3 text-lg font-semibold">
          Drills: actual vs documented
        </h2>
        {drills.drills.length === 0 ? (
          <p className="text-sm text-slate-500">No finished drills yet. Start a run on a non-production target and tick “drill”.</p>
        ) : (
          <div className="flex flex-col gap-4">
            <DrillChart comparison={drills} />
            <div className="overflow-x-auto">
              <table className="border-collapse text-sm" data-testid="drill-table">
                <thead>
                  <tr>
                    <th className={th}>Step</th>
                    <th className={th}>Documented</th>
                    {drills.drills.map((d) => (
                      <th key={d.runId} className={`${th} tabular-nums`}>
                        <Link href={`/runs/${d.runId}/report`} className="hover:underline">
                          {d.label}
                        </Link>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr className="font-medium">
                    <td className={td}>Whole run</td>
                    <td className={td}>{formatBudget(drills.drills.at(-1)?.rtoBudgetSeconds ?? null)}</td>
                    {drills.drills.map((d) => (
                      <td key={d.runId} className={`${td} tabular-nums`}>
                        {versusBudget(d.totalMs, d.rtoBudgetSeconds)}
                      </td>
                    ))}
                  </tr>
                  {drills.steps.map((s) => (
                    <tr key={s.stepId}>
                      <td className={td}>{s.label}</td>
                      <td className={td}>{formatBudget(s.budgetSeconds)}</td>
                      {drills.drills.map((d) => (
                        <td key={d.runId} className={`${td} tabular-nums`}>
                          {formatDuration(d.perStep[s.stepId] ?? null)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </section>
    </div>
  );
}
