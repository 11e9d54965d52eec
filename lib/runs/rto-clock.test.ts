import { describe, expect, it } from "vitest";
import { parseRunbook } from "@/lib/importer/parse-runbook";
import { emptyStep, type StepView } from "./project";
import { budgetState, clockElapsed, runBudget, sectionClock } from "./rto-clock";

const WITH_SCENARIOS = `# Rollback

## Scenario A: Deploy not finished (< 5 minutes)

\`\`\`bash
echo a
\`\`\`

## Scenario B: Migration applied (< 10 minutes)

### Step 1: Drop (2 minutes)

\`\`\`bash
echo b1
\`\`\`

### Step 2: Verify

\`\`\`bash
echo b2
\`\`\`
`;

describe("runBudget", () => {
  it("takes the scenario's own budget", () => {
    const parsed = parseRunbook(WITH_SCENARIOS);
    expect(runBudget(parsed, "scenario-b")).toEqual({ seconds: 600, source: expect.stringContaining("Scenario B") });
    expect(runBudget(parsed, "scenario-a")).toEqual({ seconds: 300, source: expect.stringContaining("Scenario A") });
  });

  it("without a scenario, adds up the outermost budgeted sections", () => {
    expect(runBudget(parseRunbook(WITH_SCENARIOS), null)).toEqual({ seconds: 900, source: "sum of 2 section budgets" });
  });

  it("prefers one budgeted section holding every step", () => {
    const parsed = parseRunbook(`# Restore (RTO: 30 minutes)\n\n## One (5 minutes)\n\n\`\`\`bash\necho 1\n\`\`\`\n\n## Two\n\n\`\`\`bash\necho 2\n\`\`\`\n`);
    expect(runBudget(parsed, null)).toEqual({ seconds: 1800, source: expect.stringContaining("Restore") });
  });

  it("falls back to an RTO table's Total row", () => {
    const parsed = parseRunbook(
      "# Plan\n\n| Scenario | RTO |\n|---|---|\n| A: Quick fix | 5 minutes |\n| Total | 20 minutes |\n\n## Scenario A: Quick fix\n\n```bash\necho a\n```\n\n## Other\n\n```bash\necho o\n```\n",
    );
    expect(runBudget(parsed, "scenario-a")?.seconds).toBe(300);
    expect(runBudget(parsed, null)).toEqual({ seconds: 1200, source: "RTO table: Total" });
  });

  it("has no sum when a step sits in no budgeted section", () => {
    const parsed = parseRunbook("# Mixed\n\n## Timed (5 minutes)\n\n```bash\necho 1\n```\n\n## Untimed\n\n```bash\necho 2\n```\n");
    expect(runBudget(parsed, null)).toBeNull();
  });

  it("is null when nothing is budgeted", () => {
    expect(runBudget(parseRunbook("# Plain\n\n## Do\n\n```bash\necho hi\n```\n"), null)).toBeNull();
    expect(runBudget(parseRunbook("# Empty\n\nNothing to run.\n"), null)).toBeNull();
  });
});

describe("budgetState", () => {
  it("is ok up to 80 %, near past it, over past the budget", () => {
    expect(budgetState(0, 100)).toBe("ok");
    expect(budgetState(80_000, 100)).toBe("ok");
    expect(budgetState(80_001, 100)).toBe("near");
    expect(budgetState(100_000, 100)).toBe("near");
    expect(budgetState(100_001, 100)).toBe("over");
    expect(budgetState(5_000, null)).toBe("none");
    expect(budgetState(null, 100)).toBe("none");
  });
});

const step = (over: Partial<StepView>): StepView => ({ ...emptyStep(), ...over });

describe("sectionClock", () => {
  const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
  const at = (s: number) => Date.parse(t(s));
  const clock = (steps: (StepView | undefined)[], active: boolean, firstStarts?: Map<string, string>) =>
    sectionClock(
      steps.map((_, i) => `s${i}`),
      Object.fromEntries(steps.map((s, i) => [`s${i}`, s])),
      { active },
      firstStarts,
    );

  it("has not started while no step has", () => {
    expect(clock([undefined, step({ status: "pending" })], true)).toBeNull();
  });

  it("runs from the first start while a step is unfinished", () => {
    const c = clock([step({ status: "succeeded", startedAt: t(10), finishedAt: t(20) }), step({ status: "running", startedAt: t(25) }), undefined], true);
    expect(c).toEqual({ startedAt: at(10), endedAt: null });
    expect(clockElapsed(c!, at(70))).toBe(60_000);
  });

  it("counts from a step's first attempt, not its retry", () => {
    const retried = step({ status: "running", attempt: 2, startedAt: t(40) });
    expect(clock([retried], true, new Map([["s0", t(5)]]))).toEqual({ startedAt: at(5), endedAt: null });
  });

  it("stops at the last finish when every step is done", () => {
    const c = clock([step({ status: "succeeded", startedAt: t(10), finishedAt: t(20) }), step({ status: "done_manually", finishedAt: t(40) })], true);
    expect(c).toEqual({ startedAt: at(10), endedAt: at(40) });
    expect(clockElapsed(c!, at(1000))).toBe(30_000);
  });

  it("stops when the run ends, even with steps left", () => {
    expect(clock([step({ status: "succeeded", startedAt: t(10), finishedAt: t(20) }), undefined], false)).toEqual({ startedAt: at(10), endedAt: at(20) });
  });
});
