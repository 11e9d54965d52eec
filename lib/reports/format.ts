// Deterministic formatting for reports (UTC, no locale): the page, the Markdown and the PDF read
// the same whoever renders them and wherever, and the same events always print the same text.

const pad = (n: number) => String(n).padStart(2, "0");

export function formatDateTime(iso: string | null): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "—";
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

export function formatClock(iso: string | null): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "—";
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${pad(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${pad(m % 60)} min`;
}

export function formatBudget(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return `${seconds} s`;
  // Documents say "70 minutes", not "1.2 h": minutes up to three hours unless it is whole hours.
  if (seconds < 3 * 3600 && seconds % 3600 !== 0) return `${Math.round((seconds / 60) * 10) / 10} min`;
  if (seconds < 86_400) return `${Math.round((seconds / 3600) * 10) / 10} h`;
  return `${Math.round((seconds / 86_400) * 10) / 10} d`;
}

/** "12 s of 1 min (20 %)" style comparison, or just the actual when there is no budget. */
export function versusBudget(actualMs: number | null, budgetSeconds: number | null): string {
  if (actualMs === null) return budgetSeconds === null ? "—" : `not run (budget ${formatBudget(budgetSeconds)})`;
  if (budgetSeconds === null) return formatDuration(actualMs);
  if (budgetSeconds === 0) return `${formatDuration(actualMs)} (budget 0)`;
  const pct = Math.round((actualMs / (budgetSeconds * 1000)) * 100);
  return `${formatDuration(actualMs)} of ${formatBudget(budgetSeconds)} (${pct} %)`;
}

export function withinBudget(actualMs: number | null, budgetSeconds: number | null): boolean | null {
  if (actualMs === null || budgetSeconds === null) return null;
  return actualMs <= budgetSeconds * 1000;
}

export function msBetween(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  const d = Date.parse(to) - Date.parse(from);
  return Number.isFinite(d) ? Math.max(0, d) : null;
}

export const STATUS_LABEL: Record<string, string> = {
  pending: "not run",
  queued: "queued",
  running: "running",
  succeeded: "succeeded",
  failed: "failed",
  cancelled: "cancelled",
  timed_out: "timed out",
  skipped: "skipped",
  interrupted: "interrupted",
  done_manually: "done by hand",
  active: "in progress",
  aborted: "aborted",
};

export function statusLabel(status: string): string {
  return STATUS_LABEL[status] ?? status;
}
