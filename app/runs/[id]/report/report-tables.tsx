import { formatDateTime, statusLabel } from "@/lib/reports/format";
import type { ArtifactEntry, RtoTable, TimelineEntry } from "@/lib/reports/types";

const th = "border-b border-slate-200 px-2 py-1 text-left font-semibold";
const td = "border-b border-slate-100 px-2 py-1 align-top";

export function RtoTables({ tables }: { tables: RtoTable[] }) {
  if (!tables.length) return <p className="text-sm text-slate-500">The runbook has no RTO table.</p>;
  return (
    <div className="flex flex-col gap-4">
      {tables.map((t) => (
        <table key={t.id} data-testid="rto-table" className="w-full border-collapse text-sm">
          {t.title.toLowerCase() === "recovery time objectives" ? null : <caption className="mb-1 text-left text-sm font-medium text-slate-600">{t.title}</caption>}
          <thead>
            <tr>
              {t.header.map((h, i) => (
                <th key={i} className={`${th} ${i === t.actualColumn ? "bg-amber-50" : ""}`}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {t.rows.map((r, i) => (
              <tr key={i}>
                {t.header.map((_, j) => (
                  <td key={j} className={`${td} ${j === t.actualColumn ? `bg-amber-50 font-medium ${t.details[i]?.withinBudget === false ? "text-red-800" : ""}` : ""}`}>
                    {r[j]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}

export function Artifacts({ items }: { items: ArtifactEntry[] }) {
  return (
    <table className="w-full border-collapse text-sm">
      <thead>
        <tr>
          {["Step", "Kind", "Status", "Location", "Size", "SHA-256", "Verification"].map((h) => (
            <th key={h} className={th}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.stepId}>
            <td className={td}>{a.title}</td>
            <td className={td}>{a.kind}</td>
            <td className={td}>{statusLabel(a.status)}</td>
            <td className={`${td} font-mono text-xs break-all`}>{a.location ?? "—"}</td>
            <td className={`${td} tabular-nums`}>{a.sizeBytes === null ? "—" : `${a.sizeBytes.toLocaleString("en-US")} B`}</td>
            <td className={`${td} font-mono text-xs break-all`}>{a.sha256 ?? "—"}</td>
            <td className={td}>{a.verification}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <ol data-testid="report-timeline" className="flex flex-col text-sm">
      {entries.map((e) => (
        <li key={e.seq} className="grid grid-cols-[3rem_12rem_9rem_1fr] gap-2 border-b border-slate-100 py-0.5">
          <span className="text-right text-slate-400 tabular-nums">{e.seq}</span>
          <span className="text-slate-500 tabular-nums">{formatDateTime(e.at)}</span>
          <span className="truncate text-slate-700">{e.actor ?? "desk"}</span>
          <span className="break-words text-slate-900">{e.text}</span>
        </li>
      ))}
    </ol>
  );
}
