"use client";

import { formatBudget } from "@/components/markdown/format-budget";
import { budgetState, type BudgetState } from "@/lib/runs/rto-clock";
import { formatDuration } from "./format-time";
import { useNow } from "./use-now";

// Elapsed time against a budget, ticking while the clock runs: "4 min 10 s of ≤ 5 min · 83 %".
// The state is said in words too (amber "near budget", red "over budget by …"), never by colour
// alone. No aria-live here: a clock that changes every second would drown a screen reader; the
// run header announces crossings once (see RunHeader).

const TONE: Record<BudgetState, string> = {
  none: "text-slate-700",
  ok: "text-slate-700",
  near: "rounded bg-amber-100 px-1 text-amber-900 ring-1 ring-amber-400",
  over: "rounded bg-red-100 px-1 font-semibold text-red-800 ring-1 ring-red-500",
};

function budgetWords(state: BudgetState, elapsedMs: number, budgetSeconds: number | null): string | null {
  if (state === "near") return "near budget";
  if (state === "over" && budgetSeconds !== null) return `over budget by ${formatDuration(elapsedMs - budgetSeconds * 1000)}`;
  return null;
}

interface ClockProps {
  startedAt: number | null;
  // null: still running (the clock ticks).
  endedAt: number | null;
  budgetSeconds: number | null;
  testId?: string;
}

function Clock({ startedAt, endedAt, budgetSeconds, testId = "rto-clock", now }: ClockProps & { now: number }) {
  if (startedAt === null) return <span data-testid={testId}>—</span>;
  const elapsed = Math.max(0, (endedAt ?? now) - startedAt);
  const state = budgetState(elapsed, budgetSeconds);
  const budget = formatBudget(budgetSeconds);
  const words = budgetWords(state, elapsed, budgetSeconds);
  const share = budgetSeconds ? Math.round((elapsed / (budgetSeconds * 1000)) * 100) : null;
  return (
    <span data-testid={testId} data-state={state} data-running={endedAt === null ? "true" : undefined} className={`tabular-nums whitespace-nowrap ${TONE[state]}`}>
      <span suppressHydrationWarning>{formatDuration(elapsed)}</span>
      {budget ? (
        <>
          {" of "}
          {budget}
          <span suppressHydrationWarning>{` · ${share} %`}</span>
        </>
      ) : null}
      {words ? (
        <span suppressHydrationWarning>
          {" · "}
          {state === "over" ? <span aria-hidden="true">⚠ </span> : null}
          {words}
        </span>
      ) : null}
    </span>
  );
}

function TickingClock(props: ClockProps) {
  const now = useNow();
  return <Clock {...props} now={now} />;
}

/** Elapsed time (against a budget, when there is one); ticks every second until `endedAt` is set. */
export function Elapsed(props: ClockProps) {
  // A stopped clock needs no ticker: a list of finished runs does not re-render every second.
  return props.endedAt === null && props.startedAt !== null ? <TickingClock {...props} /> : <Clock {...props} now={props.endedAt ?? 0} />;
}
