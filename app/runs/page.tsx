import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime, formatDuration } from "./[id]/format-time";
import { RunStatusBadge } from "./[id]/step-status";
import { listRunsForOverview } from "@/lib/runs/list-runs";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Runs" };

export default async function RunsPage() {
  const runs = await listRunsForOverview();
  const now = Date.now();
  return (
    <section aria-labelledby="runs-heading">
      <div className="mb-4 flex items-center justify-between">
        <h1 id="runs-heading" className="text-2xl font-semibold">
          Runs
        </h1>
        <Link href="/runs/new" className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
          Start a run
        </Link>
      </div>
      {runs.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 bg-white p-8 text-slate-600">
          No runs yet. Open a runbook and start one, or <Link href="/runs/new" className="underline">start a run</Link> here.
        </p>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table aria-label="Runs" className="w-full border-collapse text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">Status</th>
                <th scope="col" className="px-3 py-2 font-semibold">Runbook</th>
                <th scope="col" className="px-3 py-2 font-semibold">Target</th>
                <th scope="col" className="px-3 py-2 font-semibold">Steps</th>
                <th scope="col" className="px-3 py-2 font-semibold">Started</th>
                <th scope="col" className="px-3 py-2 font-semibold">Duration</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} data-testid="run-row" data-run-id={r.id} className={`border-t border-slate-100 ${r.status === "active" ? "bg-blue-50/40" : ""}`}>
                  <td className="px-3 py-2">
                    <RunStatusBadge status={r.status} />
                  </td>
                  <td className="px-3 py-2">
                    <Link href={`/runs/${r.id}`} className="font-medium text-slate-900 hover:underline">
                      {r.runbook.title}
                    </Link>{" "}
                    <span className="text-xs text-slate-500">
                      v{r.runbook.version}
                      {r.scenario ? ` · ${r.scenario}` : ""}
                      {r.drill ? " · drill" : ""}
                    </span>
                  </td>
                  <td className="px-3 py-2 font-mono">
                    {r.target.name}
                    {r.target.protected ? <span className="ml-1.5 rounded bg-red-700 px-1 py-0.5 font-sans text-[11px] font-bold text-white">PROD</span> : null}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap tabular-nums">
                    {r.steps.done}/{r.steps.total}
                    {r.steps.running ? <span className="ml-2 text-blue-700">{r.steps.running} running</span> : null}
                    {r.steps.failed ? <span className="ml-2 font-semibold text-red-700">{r.steps.failed} failed</span> : null}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {r.startedBy} <span className="text-slate-500">· {formatDateTime(r.startedAt)}</span>
                  </td>
                  <td className="px-3 py-2 tabular-nums whitespace-nowrap">
                    {formatDuration((r.finishedAt?.getTime() ?? now) - r.startedAt.getTime())}
                    {r.finishedAt ? "" : " so far"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
