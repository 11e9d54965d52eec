import Link from "next/link";
import { z } from "zod";
import { AUDIT_PAGE, listAudit } from "@/lib/audit/list";
import { verifyAuditChain } from "@/lib/audit/verify";
import { requirePagePermission } from "@/lib/auth/page-guard";

export const dynamic = "force-dynamic";
export const metadata = { title: "Audit trail" };

const searchSchema = z.object({
  actor: z.string().max(200).optional(),
  action: z.string().max(200).optional(),
  outcome: z.enum(["ok", "denied", "error"]).optional().catch(undefined),
  target: z.string().max(100).optional(),
  before: z.string().regex(/^\d{1,18}$/).optional().catch(undefined),
});

const OUTCOME_STYLE: Record<string, string> = {
  ok: "bg-emerald-100 text-emerald-800",
  denied: "bg-amber-100 text-amber-900",
  error: "bg-red-100 text-red-800",
};

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePagePermission("audit.read");
  const f = searchSchema.parse(await searchParams);
  const [rows, chain] = await Promise.all([listAudit({ ...f, before: f.before ? BigInt(f.before) : undefined }), verifyAuditChain()]);
  const older = rows.length === AUDIT_PAGE ? rows.at(-1)?.seq : undefined;
  const keep = new URLSearchParams(Object.entries({ ...f, before: undefined }).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  return (
    <section aria-labelledby="audit-heading">
      <h1 id="audit-heading" className="text-2xl font-semibold">
        Audit trail
      </h1>
      <p data-testid="audit-chain" className={`mt-2 rounded px-3 py-2 text-sm ${chain.ok ? "bg-emerald-50 text-emerald-900" : "bg-red-100 font-semibold text-red-900"}`}>
        {chain.ok
          ? `Hash chain intact: ${chain.entries} entries (last hash ${chain.lastHash.slice(0, 16)}…).`
          : `Hash chain BROKEN at entry ${chain.broken?.seq}: ${chain.broken?.reason}.`}
      </p>
      <form className="my-4 flex flex-wrap items-end gap-2 text-sm" method="get">
        {(["actor", "action", "target"] as const).map((k) => (
          <label key={k} className="flex flex-col">
            <span className="text-slate-600 capitalize">{k}</span>
            <input name={k} defaultValue={f[k] ?? ""} className="rounded border border-slate-300 px-2 py-1" />
          </label>
        ))}
        <label className="flex flex-col">
          <span className="text-slate-600">Outcome</span>
          <select name="outcome" defaultValue={f.outcome ?? ""} className="rounded border border-slate-300 px-2 py-1">
            <option value="">any</option>
            <option value="ok">ok</option>
            <option value="denied">denied</option>
            <option value="error">error</option>
          </select>
        </label>
        <button type="submit" className="rounded bg-slate-800 px-3 py-1 font-semibold text-white">
          Filter
        </button>
      </form>
      <table className="w-full border-collapse rounded bg-white text-sm shadow-sm">
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            <th className="px-2 py-1">#</th>
            <th className="px-2 py-1">When (UTC)</th>
            <th className="px-2 py-1">Who</th>
            <th className="px-2 py-1">IP</th>
            <th className="px-2 py-1">What</th>
            <th className="px-2 py-1">Outcome</th>
            <th className="px-2 py-1">Target / run</th>
            <th className="px-2 py-1">Detail</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.seq} data-testid="audit-row" className="border-t border-slate-200 align-top">
              <td className="px-2 py-1 tabular-nums text-slate-500">{r.seq}</td>
              <td className="px-2 py-1 whitespace-nowrap tabular-nums">{r.at.toISOString().replace("T", " ").slice(0, 19)}</td>
              <td className="px-2 py-1">{r.actor}</td>
              <td className="px-2 py-1 text-slate-500">{r.ip ?? "—"}</td>
              <td className="px-2 py-1 font-mono text-xs">{r.action}</td>
              <td className="px-2 py-1">
                <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${OUTCOME_STYLE[r.outcome] ?? ""}`}>{r.outcome}</span>
              </td>
              <td className="px-2 py-1 text-xs">
                {r.targetName ?? ""}
                {r.runId ? (
                  <Link href={`/runs/${r.runId}`} className="block underline">
                    {r.runId.slice(0, 10)}…
                  </Link>
                ) : null}
              </td>
              <td className="max-w-xs truncate px-2 py-1 font-mono text-xs text-slate-600" title={JSON.stringify(r.detail)}>
                {JSON.stringify(r.detail)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {older ? (
        <Link href={`/admin/audit?${keep.toString()}${keep.size ? "&" : ""}before=${older}`} className="mt-3 inline-block underline">
          Older entries
        </Link>
      ) : null}
    </section>
  );
}
