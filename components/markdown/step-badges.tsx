import type { Executor } from "@/lib/importer/types";

const EXECUTOR_STYLE: Record<Executor, string> = {
  sql: "border-sky-300 bg-sky-50 text-sky-900",
  backup: "border-emerald-300 bg-emerald-50 text-emerald-900",
  restore: "border-violet-300 bg-violet-50 text-violet-900",
  http: "border-teal-300 bg-teal-50 text-teal-900",
  shell: "border-slate-300 bg-slate-100 text-slate-800",
  manual: "border-amber-300 bg-amber-50 text-amber-900",
};

export function ExecutorBadge({ executor }: { executor: Executor }) {
  return (
    <span
      data-testid="executor-badge"
      className={`inline-flex items-center rounded border px-1.5 py-0.5 font-mono text-xs font-medium ${EXECUTOR_STYLE[executor]}`}
    >
      {executor}
    </span>
  );
}

// Unmistakable on purpose: solid red, an icon and the word, never colour alone.
export function DestructiveBadge() {
  return (
    <span
      data-testid="destructive-badge"
      className="inline-flex items-center gap-1 rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold tracking-wide text-white uppercase"
    >
      <span aria-hidden="true">⚠</span>
      Destructive
    </span>
  );
}

export function BudgetBadge({ label }: { label: string }) {
  return (
    <span
      data-testid="budget-badge"
      title="Time budget"
      className="inline-flex items-center gap-1 rounded-full border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium whitespace-nowrap text-slate-700"
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3" fill="none" stroke="currentColor" strokeWidth="1.6">
        <circle cx="8" cy="8" r="6.2" />
        <path d="M8 4.5V8l2.3 1.6" strokeLinecap="round" />
      </svg>
      {label}
    </span>
  );
}
