"use client";

import { useEffect, useRef } from "react";
import { Highlighted } from "./log-highlight";
import type { TableChunk } from "./log-index";
import { cellMatches, type MatchRange } from "./log-search";

// A result set in a step's output (sql steps), as a table inside the log. Search matches in its
// header and cells are marked; the current one is scrolled into view inside the table.
export function LogTable({ chunk, matches, current }: { chunk: TableChunk; matches: readonly MatchRange[]; current: number }) {
  const ref = useRef<HTMLElement>(null);
  const perCell = matches.length === 0 ? null : cellMatches(chunk, matches);
  const hasCurrent = matches.some((m) => m.n === current);
  useEffect(() => {
    if (hasCurrent) ref.current?.querySelector("mark[data-current]")?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [hasCurrent, current]);
  const shown = chunk.rows.length;
  const caption = chunk.truncated ? `first ${shown} of ${chunk.rowCount} rows` : `${chunk.rowCount} ${chunk.rowCount === 1 ? "row" : "rows"}`;
  return (
    <figure ref={ref} data-testid="step-output-table" className="overflow-hidden rounded border border-slate-200 bg-white font-sans text-slate-900">
      <figcaption className="flex flex-wrap items-baseline gap-2 border-b border-slate-200 bg-slate-50 px-3 py-1 text-xs text-slate-600">
        <span className="font-mono font-semibold text-slate-700">{chunk.command}</span>
        <span className={chunk.truncated ? "font-semibold text-amber-800" : ""}>{caption}</span>
      </figcaption>
      {chunk.columns.length > 0 ? (
        <div className="max-h-80 overflow-auto">
          <table className="w-full border-collapse font-mono text-xs">
            <thead className="sticky top-0 bg-slate-100 text-left text-slate-700">
              <tr>
                {chunk.columns.map((col, i) => (
                  <th key={i} scope="col" className="border-b border-slate-200 px-2 py-1 font-semibold">
                    <Highlighted text={col} matches={perCell?.header[i] ?? []} current={current} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {chunk.rows.map((row, r) => (
                <tr key={r} className="odd:bg-white even:bg-slate-50">
                  {row.map((value, c) => (
                    <td key={c} className="border-t border-slate-100 px-2 py-0.5 align-top whitespace-pre">
                      <Highlighted text={value} matches={perCell?.rows[r]?.[c] ?? []} current={current} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </figure>
  );
}
