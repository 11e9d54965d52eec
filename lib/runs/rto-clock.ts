import type { ParsedRunbook, Section } from "@/lib/importer/types";
import { sectionTree } from "@/lib/reports/scope";
import type { StepView } from "./project";

// The live RTO clock: what a run and each section may take (the runbook's budgets) and how long
// they have taken so far. Pure: the run page, the overview and their tests share it. The report
// (lib/reports/build-report.ts) measures finished runs the same way: a section's time is the wall
// clock from its first step's start to its last step's end.

export interface RunBudget {
  seconds: number;
  // Where the figure comes from, shown beside it ("Scenario B", "RTO table: Total").
  source: string;
}

type BudgetInput = Pick<ParsedRunbook, "sections" | "scenarios" | "tables" | "steps">;

function rtoTableBudget(parsed: BudgetInput, match: (label: string, section: string | null) => boolean): RunBudget | null {
  for (const t of parsed.tables) {
    if (t.kind !== "rto") continue;
    const link = t.links?.find((l) => l.budgetSeconds !== null && match(l.label, l.section));
    if (link?.budgetSeconds != null) return { seconds: link.budgetSeconds, source: `RTO table: ${link.label}` };
  }
  return null;
}

/**
 * The whole run's budget: the scenario's own (its section's, else its RTO table row); without a
 * scenario, the narrowest budgeted section holding every step in scope, else an RTO table's
 * "Total" row, else the sum of the outermost budgeted sections, when every step sits in one.
 */
export function runBudget(parsed: BudgetInput, scenario: string | null): RunBudget | null {
  const tree = sectionTree(parsed);
  if (scenario) {
    const sectionId = parsed.scenarios.find((s) => s.id === scenario)?.section ?? null;
    const own = sectionId ? tree.byId.get(sectionId) : undefined;
    if (own && own.budgetSeconds !== null) return { seconds: own.budgetSeconds, source: own.title };
    const fromTable = sectionId ? rtoTableBudget(parsed, (_l, section) => section === sectionId) : null;
    if (fromTable) return fromTable;
  }
  const chains = parsed.steps.filter((s) => tree.inScope(s.section, scenario)).map((s) => tree.ancestors(s.section));
  const first = chains[0];
  if (!first) return null;
  const common = first.find((sec) => sec.budgetSeconds !== null && chains.every((c) => c.some((x) => x.id === sec.id)));
  if (common && common.budgetSeconds !== null) return { seconds: common.budgetSeconds, source: common.title };
  const total = rtoTableBudget(parsed, (label, section) => section === null && /\btotal\b/i.test(label));
  if (total) return total;
  // Only when every step sits in some budgeted section: one unbudgeted step makes the total unknown.
  const outermost = new Map<string, Section>();
  for (const chain of chains) {
    const top = chain.findLast((s) => s.budgetSeconds !== null);
    if (!top) return null;
    outermost.set(top.id, top);
  }
  const seconds = [...outermost.values()].reduce((n, s) => n + (s.budgetSeconds ?? 0), 0);
  return { seconds, source: outermost.size === 1 ? ([...outermost.values()][0]?.title ?? "") : `sum of ${outermost.size} section budgets` };
}

export type BudgetState = "none" | "ok" | "near" | "over";

// Past this share of the budget the clock turns amber: time to decide, not yet late.
export const NEAR_SHARE = 0.8;

export function budgetState(elapsedMs: number | null, budgetSeconds: number | null): BudgetState {
  if (elapsedMs === null || budgetSeconds === null) return "none";
  const budgetMs = budgetSeconds * 1000;
  if (elapsedMs > budgetMs) return "over";
  if (elapsedMs > budgetMs * NEAR_SHARE) return "near";
  return "ok";
}

const TERMINAL = new Set(["succeeded", "failed", "cancelled", "timed_out", "skipped", "interrupted", "done_manually"]);

export interface SpanClock {
  startedAt: number;
  // null while the clock runs (the section's steps are not all finished and the run is active).
  endedAt: number | null;
}

/**
 * A section's clock from its steps: it starts with the first step that started (on any attempt,
 * as the report counts it: `firstStarts`, step id → ISO time), or was finished by hand, and stops
 * when every step is finished or the run ends; until then it runs.
 */
export function sectionClock(
  stepIds: readonly string[],
  steps: Readonly<Record<string, StepView | undefined>>,
  run: { active: boolean },
  firstStarts: ReadonlyMap<string, string> = new Map(),
): SpanClock | null {
  let start = Infinity;
  let end = -Infinity;
  let open = false;
  for (const id of stepIds) {
    const s = steps[id];
    if (!TERMINAL.has(s?.status ?? "pending")) open = true;
    const began = firstStarts.get(id) ?? s?.startedAt ?? s?.finishedAt;
    if (began) start = Math.min(start, Date.parse(began));
    if (s?.finishedAt) end = Math.max(end, Date.parse(s.finishedAt));
  }
  if (!Number.isFinite(start)) return null;
  if (open && run.active) return { startedAt: start, endedAt: null };
  return { startedAt: start, endedAt: Number.isFinite(end) ? Math.max(end, start) : start };
}

/** Elapsed ms of a clock at `now`. */
export function clockElapsed(clock: SpanClock, now: number): number {
  return Math.max(0, (clock.endedAt ?? now) - clock.startedAt);
}
