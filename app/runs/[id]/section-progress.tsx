"use client";

import { formatDuration } from "./format-time";
import { useRun } from "./use-run";

const DONE = new Set(["succeeded", "done_manually", "skipped"]);

// "2/3 done · 1 min 12 s of the budget": time spent in a section's steps against what the author allowed.
export function SectionProgress({ stepIds, budgetSeconds }: { stepIds: string[]; budgetSeconds: number | null }) {
  const { view } = useRun();
  if (stepIds.length === 0) return null;
  const steps = stepIds.map((id) => view.steps[id]);
  const done = steps.filter((s) => s && DONE.has(s.status)).length;
  const spent = steps.reduce((sum, s) => sum + (s?.durationMs ?? 0), 0);
  const over = budgetSeconds !== null && spent > budgetSeconds * 1000;
  return (
    <span className="text-xs text-slate-500 tabular-nums">
      {done}/{stepIds.length} done
      {spent > 0 ? (
        <>
          {" · "}
          <span className={over ? "font-semibold text-red-700" : ""}>
            {formatDuration(spent)} spent{over ? " (over budget)" : ""}
          </span>
        </>
      ) : null}
    </span>
  );
}
