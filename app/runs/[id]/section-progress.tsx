"use client";

import { sectionClock } from "@/lib/runs/rto-clock";
import { Elapsed } from "./elapsed";
import { useFirstStarts } from "./use-first-starts";
import { useRun } from "./use-run";

const DONE = new Set(["succeeded", "done_manually", "skipped"]);

// "2/3 done · 1 min 12 s of ≤ 5 min · 24 %": the section's wall clock (first step's start to now,
// or to its last step's end) against what the author allowed, as the report measures it.
export function SectionProgress({ stepIds, budgetSeconds }: { stepIds: string[]; budgetSeconds: number | null }) {
  const { view } = useRun();
  const firstStarts = useFirstStarts();
  if (stepIds.length === 0) return null;
  const done = stepIds.filter((id) => DONE.has(view.steps[id]?.status ?? "pending")).length;
  const clock = sectionClock(stepIds, view.steps, { active: view.status === "active" }, firstStarts);
  return (
    <span data-testid="section-progress" className="text-xs text-slate-500 tabular-nums">
      {done}/{stepIds.length} done
      {/* Before its first step starts, the heading's budget badge says all there is. */}
      {clock ? (
        <>
          {" · "}
          <Elapsed testId="section-clock" startedAt={clock.startedAt} endedAt={clock.endedAt} budgetSeconds={budgetSeconds} />
        </>
      ) : null}
    </span>
  );
}
