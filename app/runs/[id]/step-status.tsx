import type { RunStatus, StepStatus } from "@/lib/runs/event-types";

// Status words and colours shared by the step cards, the header and the overview. Never colour
// alone: each state has its word and a glyph.

const STEP: Record<StepStatus, { label: string; glyph: string; className: string }> = {
  pending: { label: "Pending", glyph: "○", className: "border-slate-300 bg-white text-slate-600" },
  queued: { label: "Queued", glyph: "◔", className: "border-sky-300 bg-sky-50 text-sky-800" },
  running: { label: "Running", glyph: "◐", className: "border-blue-400 bg-blue-600 text-white animate-pulse" },
  succeeded: { label: "Succeeded", glyph: "✓", className: "border-emerald-300 bg-emerald-50 text-emerald-800" },
  failed: { label: "Failed", glyph: "✕", className: "border-red-700 bg-red-700 text-white" },
  cancelled: { label: "Cancelled", glyph: "■", className: "border-slate-400 bg-slate-100 text-slate-700" },
  timed_out: { label: "Timed out", glyph: "⧗", className: "border-red-700 bg-red-700 text-white" },
  skipped: { label: "Skipped", glyph: "↷", className: "border-slate-300 bg-slate-100 text-slate-500" },
  interrupted: { label: "Interrupted", glyph: "!", className: "border-amber-500 bg-amber-100 text-amber-900" },
  done_manually: { label: "Done manually", glyph: "✓", className: "border-emerald-300 bg-emerald-50 text-emerald-800" },
};

export function stepStatusLabel(status: StepStatus): string {
  return STEP[status].label;
}

export function StepStatusBadge({ status, rehearsal = false }: { status: StepStatus; rehearsal?: boolean }) {
  const s = STEP[status];
  return (
    <span
      data-testid="step-status"
      data-status={status}
      className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap ${s.className}`}
    >
      <span aria-hidden="true">{s.glyph}</span>
      {s.label}
      {rehearsal ? " (rehearsal)" : ""}
    </span>
  );
}

const RUN: Record<RunStatus, { label: string; className: string }> = {
  active: { label: "Active", className: "bg-blue-600 text-white" },
  succeeded: { label: "Succeeded", className: "bg-emerald-600 text-white" },
  failed: { label: "Failed", className: "bg-red-700 text-white" },
  aborted: { label: "Aborted", className: "bg-slate-600 text-white" },
};

export function RunStatusBadge({ status, testId = "run-status" }: { status: string; testId?: string }) {
  const s = RUN[status as RunStatus] ?? { label: status, className: "bg-slate-200 text-slate-800" };
  return (
    <span data-testid={testId} data-status={status} className={`inline-flex rounded px-2 py-0.5 text-xs font-semibold uppercase tracking-wide ${s.className}`}>
      {s.label}
    </span>
  );
}
