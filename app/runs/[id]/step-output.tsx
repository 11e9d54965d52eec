"use client";

import { useMemo } from "react";
import type { OutputChunk } from "@/lib/executors/types";
import { backupProgress, type BackupProgress } from "./backup-progress";
import { LogView } from "./log-view";
import type { EarlierOutput } from "./use-earlier-output";
import { useRun } from "./use-run";

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

function megabytes(chars: number): string {
  return `${(chars / 1024 / 1024).toFixed(1)} MB`;
}

// The page came with the end of this output; the rest is on its way (or could not be fetched).
function EarlierBanner({ earlier }: { earlier: EarlierOutput }) {
  if (earlier.status === "loading") {
    return (
      <p data-testid="earlier-output" role="status" className="rounded border border-sky-200 bg-sky-50 px-3 py-1 text-xs text-sky-900">
        Showing the end of the output; loading the earlier {megabytes(earlier.chars)}…
      </p>
    );
  }
  return (
    <p data-testid="earlier-output" role="alert" className="flex items-center gap-2 rounded border border-red-200 bg-red-50 px-3 py-1 text-xs text-red-900">
      <span>
        Showing only the end of the output: the earlier {megabytes(earlier.chars)} could not be loaded ({earlier.message}). The download below has all of it.
      </span>
      <button type="button" onClick={earlier.retry} className="rounded border border-red-300 bg-white px-2 py-0.5 font-medium hover:bg-red-100">
        Retry
      </button>
    </p>
  );
}

const LIVE = new Set(["queued", "running"]);

/**
 * A step's output: backup progress bars when there are any, then the log (text lines and result
 * tables in order) with follow, search and a download of everything stored.
 */
export function StepOutput({ chunks, stepId }: { chunks: readonly OutputChunk[]; stepId?: string }) {
  const { runId, view, earlier } = useRun();
  // Until the step card passes its id, find the step by its output array (the card hands over
  // view.steps[id].output itself, so the reference is unique among non-empty outputs).
  const id = stepId ?? Object.keys(view.steps).find((k) => view.steps[k]?.output === chunks) ?? null;
  const sv = id ? view.steps[id] : undefined;
  const progress = useMemo(() => backupProgress(chunks), [chunks]);
  if (chunks.length === 0) return null;
  const downloadHref = id && sv ? `/api/runs/${encodeURIComponent(runId)}/steps/${encodeURIComponent(id)}/output?attempt=${sv.attempt}` : null;
  return (
    <section aria-label="Output" className="flex flex-col gap-2">
      {progress ? <ProgressBlock p={progress} /> : null}
      {id && earlier[id] ? <EarlierBanner earlier={earlier[id]} /> : null}
      <LogView chunks={chunks} live={sv ? LIVE.has(sv.status) : false} downloadHref={downloadHref} />
    </section>
  );
}
