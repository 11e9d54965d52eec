import Link from "next/link";
import { diffLines } from "diff";

interface Row {
  kind: "same" | "add" | "del";
  oldNo: number | null;
  newNo: number | null;
  text: string;
}

const CONTEXT = 3;

function toRows(a: string, b: string): Row[] {
  const rows: Row[] = [];
  let oldNo = 1;
  let newNo = 1;
  for (const part of diffLines(a, b)) {
    const lines = part.value.replace(/\n$/, "").split("\n");
    for (const text of lines) {
      if (part.added) rows.push({ kind: "add", oldNo: null, newNo: newNo++, text });
      else if (part.removed) rows.push({ kind: "del", oldNo: oldNo++, newNo: null, text });
      else rows.push({ kind: "same", oldNo: oldNo++, newNo: newNo++, text });
    }
  }
  return rows;
}

// Unchanged stretches longer than the context collapse to one "… n unchanged lines" row.
function hunks(rows: Row[]): (Row | { kind: "gap"; count: number })[] {
  const keep = rows.map(() => false);
  rows.forEach((r, i) => {
    if (r.kind === "same") return;
    for (let j = Math.max(0, i - CONTEXT); j <= Math.min(rows.length - 1, i + CONTEXT); j++) keep[j] = true;
  });
  const out: (Row | { kind: "gap"; count: number })[] = [];
  let gap = 0;
  rows.forEach((r, i) => {
    if (keep[i]) {
      if (gap > 0) out.push({ kind: "gap", count: gap });
      gap = 0;
      out.push(r);
    } else gap++;
  });
  if (gap > 0) out.push({ kind: "gap", count: gap });
  return out;
}

export function VersionDiff({
  from,
  to,
  oldText,
  newText,
  closeHref,
}: {
  from: number;
  to: number;
  oldText: string;
  newText: string;
  closeHref: string;
}) {
  const rows = toRows(oldText, newText);
  const added = rows.filter((r) => r.kind === "add").length;
  const removed = rows.filter((r) => r.kind === "del").length;
  return (
    <section aria-labelledby="diff-heading" data-testid="version-diff" className="mb-6 rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="flex items-center gap-3 border-b border-slate-200 px-4 py-2">
        <h2 id="diff-heading" className="font-semibold">
          Changes from v{from} to v{to}
        </h2>
        <span className="text-sm tabular-nums">
          <span className="text-emerald-700">+{added}</span> <span className="text-red-700">−{removed}</span> lines
        </span>
        <Link href={closeHref} className="ml-auto text-sm text-sky-800 hover:underline">
          Close diff
        </Link>
      </header>
      {added + removed === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-600">The two versions have the same text.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse font-mono text-xs leading-5">
            <tbody>
              {hunks(rows).map((r, i) =>
                r.kind === "gap" ? (
                  <tr key={i} className="bg-slate-50 text-slate-400">
                    <td colSpan={4} className="px-3 py-0.5 text-center">
                      … {r.count} unchanged {r.count === 1 ? "line" : "lines"} …
                    </td>
                  </tr>
                ) : (
                  <tr
                    key={i}
                    data-diff={r.kind}
                    className={r.kind === "add" ? "bg-emerald-50" : r.kind === "del" ? "bg-red-50" : undefined}
                  >
                    <td className="w-10 px-2 text-right text-slate-400 select-none">{r.oldNo ?? ""}</td>
                    <td className="w-10 px-2 text-right text-slate-400 select-none">{r.newNo ?? ""}</td>
                    <td
                      className={`w-4 text-center select-none ${r.kind === "add" ? "text-emerald-700" : r.kind === "del" ? "text-red-700" : "text-slate-300"}`}
                    >
                      {r.kind === "add" ? "+" : r.kind === "del" ? "−" : ""}
                    </td>
                    <td data-diff-text="" className="pr-3 whitespace-pre">{r.text}</td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
