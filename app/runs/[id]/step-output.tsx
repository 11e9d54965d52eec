import type { OutputChunk } from "@/lib/executors/types";
import { backupProgress, type BackupProgress } from "./backup-progress";

type TextChunk = Extract<OutputChunk, { stream: "stdout" | "stderr" | "info" }>;
type TableChunk = Extract<OutputChunk, { stream: "table" }>;
type Group = { kind: "text"; chunks: TextChunk[] } | { kind: "table"; chunk: TableChunk };

// Consecutive text chunks share one terminal-like block; result sets break it as tables.
function group(chunks: readonly OutputChunk[]): Group[] {
  const out: Group[] = [];
  for (const c of chunks) {
    if (c.stream === "table") {
      out.push({ kind: "table", chunk: c });
      continue;
    }
    const last = out[out.length - 1];
    if (last?.kind === "text") last.chunks.push(c);
    else out.push({ kind: "text", chunks: [c] });
  }
  return out;
}

const STREAM_STYLE: Record<TextChunk["stream"], string> = {
  stdout: "text-slate-100",
  stderr: "text-red-300 border-l-2 border-red-500 pl-2 -ml-2.5 block",
  info: "text-slate-400",
};

function TextBlock({ chunks }: { chunks: TextChunk[] }) {
  return (
    <pre data-testid="step-output-text" className="max-h-96 overflow-auto rounded bg-slate-900 px-3 py-2 font-mono text-xs leading-5 whitespace-pre-wrap">
      {chunks.map((c, i) => (
        <span key={i} data-stream={c.stream} className={STREAM_STYLE[c.stream]}>
          {c.stream === "stderr" ? <span className="sr-only">stderr: </span> : null}
          {c.text}
        </span>
      ))}
    </pre>
  );
}

function TableBlock({ chunk }: { chunk: TableChunk }) {
  const shown = chunk.rows.length;
  const caption = chunk.truncated
    ? `first ${shown} of ${chunk.rowCount} rows`
    : `${chunk.rowCount} ${chunk.rowCount === 1 ? "row" : "rows"}`;
  return (
    <figure data-testid="step-output-table" className="overflow-hidden rounded border border-slate-200 bg-white">
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
                    {col}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {chunk.rows.map((row, r) => (
                <tr key={r} className="odd:bg-white even:bg-slate-50">
                  {row.map((cell, c) => (
                    <td key={c} className="border-t border-slate-100 px-2 py-0.5 align-top whitespace-pre">
                      {cell}
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

function Bar({ label, value, max }: { label: string; value: number; max: number | null }) {
  return (
    <div className="flex items-center gap-2 text-xs text-slate-700">
      <span className="w-24 shrink-0">{label}</span>
      {/* No total is known while pg_dump runs: the bar is indeterminate until it finishes. */}
      <progress className="h-2 w-full accent-sky-600" value={max === null ? undefined : value} max={max ?? undefined} aria-label={label} />
      <span className="w-20 shrink-0 text-right font-mono">{value.toFixed(1)} MB</span>
    </div>
  );
}

function ProgressBlock({ p }: { p: BackupProgress }) {
  return (
    <div data-testid="backup-progress" className="flex flex-col gap-1 rounded border border-slate-200 bg-white px-3 py-2">
      <Bar label={p.dumpFinished ? "Dumped" : "Dumping"} value={p.dumpedMb} max={p.dumpFinished ? p.dumpedMb : null} />
      {p.uploadedMb !== null ? <Bar label="Uploaded to S3" value={p.uploadedMb} max={p.dumpedMb || null} /> : null}
    </div>
  );
}

export function StepOutput({ chunks }: { chunks: readonly OutputChunk[] }) {
  if (chunks.length === 0) return null;
  const progress = backupProgress(chunks);
  return (
    <section aria-label="Output" className="flex flex-col gap-2">
      {progress ? <ProgressBlock p={progress} /> : null}
      {group(chunks).map((g, i) => (g.kind === "text" ? <TextBlock key={i} chunks={g.chunks} /> : <TableBlock key={i} chunk={g.chunk} />))}
    </section>
  );
}
