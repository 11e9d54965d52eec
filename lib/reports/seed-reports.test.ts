import { describe, expect, it } from "vitest";
import { parseRunbook } from "@/lib/importer/parse-runbook";
import { readSeed } from "@/lib/importer/test-helpers";
import type { EventBody, RunEventRecord } from "@/lib/runs/event-types";
import { buildReport } from "./build-report";
import { compareDrills } from "./drill-comparison";
import { reportToMarkdown } from "./render-markdown";

// Reports of the seeds' own shapes: 004's quick rollback (no scenario, budgets on sections, an
// incident-report template of blanks) and 002's "Actual Time ___" RTO table; drills compared.

function run(parsed: ReturnType<typeof parseRunbook>, slug: string, stepIds: string[], opts: { start: string; perStepMs: number; scenario?: string; drill?: boolean; blanks?: Record<string, string> }): RunEventRecord[] {
  const t0 = Date.parse(opts.start);
  const at = (s: number) => new Date(t0 + s).toISOString();
  const bodies: [number, EventBody][] = [
    [0, { type: "run.created", payload: { runbook: { slug, title: parsed.title, version: 1 }, target: { name: "staging", protected: false }, scenario: opts.scenario ?? null, drill: opts.drill ?? false, variables: {} } }],
  ];
  let clock = 1000;
  for (const stepId of stepIds) {
    bodies.push([clock, { type: "step.queued", stepId, payload: { attempt: 1, rehearsal: false, confirmation: "staging" } }]);
    bodies.push([clock + 100, { type: "step.started", stepId, payload: { attempt: 1, runnerId: "r" } }]);
    clock += 100 + opts.perStepMs;
    bodies.push([clock, { type: "step.finished", stepId, payload: { attempt: 1, status: "succeeded", exitCode: 0, error: null, durationMs: opts.perStepMs, verdicts: [], produced: {}, rehearsal: false } }]);
    clock += 1000;
  }
  for (const [label, value] of Object.entries(opts.blanks ?? {})) {
    const blank = parsed.blanks.find((b) => b.label === label);
    if (blank) bodies.push([clock, { type: "blank.filled", payload: { blankId: blank.id, value, fromStep: null } }]);
  }
  bodies.push([clock + 1000, { type: "run.finished", payload: { status: "succeeded", note: "" } }]);
  return bodies.map(([ms, b], i) => ({ ...b, seq: i + 1, actor: "oncall", at: at(ms) }));
}

describe("seed reports", () => {
  const seed004 = parseRunbook(readSeed("004"));
  const quick = seed004.steps.filter((s) => seed004.sections.some((sec) => sec.id === "quick-rollback--10-minutes") && isUnder(s.section, "quick-rollback--10-minutes"));
  function isUnder(id: string | null, root: string): boolean {
    for (let cur = seed004.sections.find((s) => s.id === id); cur; cur = seed004.sections.find((s) => s.id === cur?.parent)) if (cur.id === root) return true;
    return false;
  }

  it("004 quick rollback: the quick rollback's budget, its name as rollback type, incident blanks carried over", () => {
    expect(quick.length).toBeGreaterThan(2);
    const events = run(seed004, "seed-004", quick.map((s) => s.id), { start: "2026-03-01T08:00:00.000Z", perStepMs: 30_000, blanks: { "Users affected": "about 40", "What broke": "sync worker loop" } });
    const r = buildReport({ runbook: { slug: "seed-004", title: seed004.title }, number: 1, parsed: seed004 }, events);
    expect(r.summary.rto).toMatchObject({ budgetSeconds: 600, source: "Quick Rollback (< 10 minutes)", withinBudget: true });
    const field = (k: string) => r.incident.find((f) => f.key === k);
    expect(field("rollbackType")?.value).toBe("Quick Rollback (< 10 minutes)");
    expect(field("usersAffected")).toMatchObject({ value: "about 40", source: "runbook" });
    expect(field("whatBroke")?.value).toBe("sync worker loop");
    expect(field("rollbackCompleted")?.value).toMatch(/^2026-03-01 08:0\d:\d\d UTC$/);
    const quickSection = r.sections.find((s) => s.id === "quick-rollback--10-minutes");
    expect(quickSection?.budgetSeconds).toBe(600);
    const stepOne = r.sections.flatMap((s) => s.steps).find((s) => s.title.includes("Stop Sync Worker") || s.section === "step-1-stop-sync-worker-1-minute");
    expect(stepOne?.budgetSeconds).toBe(60);
    expect(stepOne?.durationMs).toBe(30_000);
    expect(reportToMarkdown(r)).toContain("- Users affected: about 40 _(typed during the run)_");
  });

  it("002: the Actual Time column of its RTO table is filled from measured sections, Total from the run", () => {
    const seed002 = parseRunbook(readSeed("002"));
    const db = seed002.steps.filter((s) => seed002.sections.find((sec) => sec.id === s.section) && s.executor === "sql").slice(0, 2);
    const events = run(seed002, "seed-002", db.map((s) => s.id), { start: "2026-03-01T08:00:00.000Z", perStepMs: 60_000 });
    const r = buildReport({ runbook: { slug: "seed-002", title: seed002.title }, number: 1, parsed: seed002 }, events);
    const t = r.rtoTables[0];
    expect(t?.header).toEqual(["Component", "RTO Target", "Actual Time"]);
    expect(t?.actualColumn).toBe(2);
    const total = t?.rows.find((row) => row[0] === "Total Rollback");
    expect(total?.[2]).toMatch(/^2 min \d\d s \(within 70 min\)$/);
    expect(t?.rows.every((row) => row[2] !== "___")).toBe(true);
  });

  it("drills compared over time: per step, oldest first, against the documented budget", () => {
    const ids = quick.map((s) => s.id);
    const version = { runbook: { slug: "seed-004", title: seed004.title }, number: 1, parsed: seed004 };
    const later = buildReport(version, run(seed004, "seed-004", ids, { start: "2026-04-01T08:00:00.000Z", perStepMs: 20_000, drill: true }), "b");
    const earlier = buildReport(version, run(seed004, "seed-004", ids, { start: "2026-03-01T08:00:00.000Z", perStepMs: 45_000, drill: true }), "a");
    const c = compareDrills([{ runId: "b", report: later }, { runId: "a", report: earlier }]);
    expect(c.drills.map((d) => d.runId)).toEqual(["a", "b"]);
    expect(c.steps.map((s) => s.stepId)).toEqual(ids);
    expect(c.drills.map((d) => d.perStep[ids[0] ?? ""])).toEqual([45_000, 20_000]);
    expect(c.steps[0]?.budgetSeconds).toBe(60);
    expect(c.drills[0]?.rtoBudgetSeconds).toBe(600);
  });
});
