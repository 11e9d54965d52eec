import { describe, expect, it } from "vitest";
import { readSeed } from "@/lib/importer/test-helpers";
import { parseRunbook } from "@/lib/importer/parse-runbook";
import type { EventBody, RunEventRecord } from "@/lib/runs/event-types";
import { projectRun } from "@/lib/runs/project";
import { buildReport } from "./build-report";
import { reportToMarkdown } from "./render-markdown";

// Hand-built event logs: the report must be a pure function of them.

const RUNBOOK = `# Demo rollback

## Before you start

- [ ] Deploys frozen

Incident ID: ______

## Scenario A: Quick (< 5 minutes)

### Step 1: Check (1 minute)

\`\`\`sql
SELECT count(*) FROM orders;
-- Expected: 3000
\`\`\`

### Step 2: Convert (2 minutes)

\`\`\`sql
ALTER TABLE orders ALTER COLUMN status TYPE text;
\`\`\`

## Scenario B: Restore (< 20 minutes)

### Restore from backup

\`\`\`bash
pg_restore -d "$DATABASE_URL" backup.dump
\`\`\`

## RTO

| Scenario | RTO | Actual |
|---|---|---|
| A: Quick | < 5 minutes | ___ |
| B: Restore | < 20 minutes | ___ |
`;

function log(bodies: [string | null, string, EventBody][]): RunEventRecord[] {
  return bodies.map(([actor, at, b], i) => ({ ...b, seq: i + 1, actor, at }));
}

const parsed = parseRunbook(RUNBOOK);
const version = { runbook: { slug: "demo", title: parsed.title }, number: 3, parsed };
const step = (title: string) => {
  const s = parsed.steps.find((x) => parsed.sections.find((sec) => sec.id === x.section)?.title.includes(title));
  if (!s) throw new Error(`no step ${title}`);
  return s.id;
};
const check = step("Check");
const convert = step("Convert");
const finished = (stepId: string, durationMs: number, extra: Partial<Extract<EventBody, { type: "step.finished" }>["payload"]> = {}): EventBody => ({
  type: "step.finished",
  stepId,
  payload: { attempt: 1, status: "succeeded", exitCode: 0, error: null, durationMs, verdicts: [], produced: {}, rehearsal: false, ...extra },
});

function scenarioARun(): RunEventRecord[] {
  const checkExpect = parsed.steps.find((s) => s.id === check)?.commands[0]?.expect[0];
  if (!checkExpect) throw new Error("no expectation parsed");
  return log([
    ["alice", "2026-01-02T10:00:00.000Z", { type: "run.created", payload: { runbook: { slug: "demo", title: parsed.title, version: 3 }, target: { name: "sandbox", protected: false }, scenario: "scenario-a", drill: true, variables: { TICKET: "INC-1", DB_PASSWORD: "••••••" } } }],
    ["alice", "2026-01-02T10:00:00.000Z", { type: "run.preflight", payload: { steps: [] } }],
    ["alice", "2026-01-02T10:00:05.000Z", { type: "check.ticked", payload: { checkId: parsed.checks[0]?.id ?? "", checked: true } }],
    ["bob", "2026-01-02T10:00:06.000Z", { type: "blank.filled", payload: { blankId: parsed.blanks[0]?.id ?? "", value: "INC-42", fromStep: null } }],
    ["alice", "2026-01-02T10:00:10.000Z", { type: "step.queued", stepId: check, payload: { attempt: 1, rehearsal: false, confirmation: null } }],
    [null, "2026-01-02T10:00:11.000Z", { type: "step.started", stepId: check, payload: { attempt: 1, runnerId: "r1" } }],
    [null, "2026-01-02T10:00:11.500Z", { type: "step.output", stepId: check, payload: { attempt: 1, chunks: [{ stream: "info", text: "▶ sql\n" }, { stream: "table", columns: ["count"], rows: [["3000"]], rowCount: 1, truncated: false, command: "SELECT" }] } }],
    [null, "2026-01-02T10:00:12.000Z", finished(check, 900, { verdicts: [{ expectation: checkExpect, outcome: "pass", actual: "3000", reason: "" }] })],
    ["bob", "2026-01-02T10:01:00.000Z", { type: "step.queued", stepId: convert, payload: { attempt: 1, rehearsal: false, confirmation: "sandbox" } }],
    [null, "2026-01-02T10:01:01.000Z", { type: "step.started", stepId: convert, payload: { attempt: 1, runnerId: "r1" } }],
    [null, "2026-01-02T10:03:31.000Z", finished(convert, 150_000)],
    ["bob", "2026-01-02T10:03:40.000Z", { type: "comment.added", stepId: convert, payload: { text: "slower than documented" } }],
    ["alice", "2026-01-02T10:04:00.000Z", { type: "run.finished", payload: { status: "succeeded", note: "all good" } }],
  ]);
}

describe("buildReport", () => {
  it("summarises the run against the scenario's budget", () => {
    const r = buildReport(version, scenarioARun(), "run-1");
    expect(r.summary).toMatchObject({
      runId: "run-1",
      runbook: { slug: "demo", version: 3 },
      target: { name: "sandbox" },
      scenario: { id: "scenario-a" },
      drill: true,
      commander: "alice",
      participants: ["alice", "bob"],
      startedAt: "2026-01-02T10:00:00.000Z",
      finishedAt: "2026-01-02T10:04:00.000Z",
      durationMs: 240_000,
      rto: { budgetSeconds: 300, withinBudget: true },
      outcome: "succeeded",
      variables: { TICKET: "INC-1", DB_PASSWORD: "••••••" },
    });
    // Scenario B's step is out of scope.
    expect(r.sections.flatMap((s) => s.steps).map((s) => s.id)).toEqual([check, convert]);
  });

  it("reports steps with durations vs budgets, verdicts, confirmations, checks, blanks and comments", () => {
    const r = buildReport(version, scenarioARun());
    const steps = r.sections.flatMap((s) => s.steps);
    const [c, v] = steps;
    expect(c).toMatchObject({ status: "succeeded", durationMs: 900, budgetSeconds: 60, overBudget: false, queuedBy: "alice" });
    expect(c?.verdicts).toEqual([expect.objectContaining({ outcome: "pass", actual: "3000" })]);
    expect(c?.output.tables[0]?.rows).toEqual([["3000"]]);
    expect(v).toMatchObject({ durationMs: 150_000, budgetSeconds: 120, overBudget: true, confirmation: "sandbox", queuedBy: "bob", destructive: true });
    expect(v?.notes.map((n) => n.text)).toEqual(["slower than documented"]);
    const before = r.sections.find((s) => s.title === "Before you start");
    expect(before?.checks[0]).toMatchObject({ checked: true, by: "alice", at: "2026-01-02T10:00:05.000Z" });
    expect(before?.blanks[0]).toMatchObject({ value: "INC-42", by: "bob" });
    expect(r.timeline).toHaveLength(13);
    expect(r.timeline[2]?.text).toContain("Deploys frozen");
    expect(r.chart.map((b) => [b.actualSeconds, b.budgetSeconds])).toEqual([
      [0.9, 60],
      [150, 120],
    ]);
  });

  it("fills the RTO table's Actual column and pre-fills the incident report", () => {
    const r = buildReport(version, scenarioARun());
    const rto = r.rtoTables[0];
    expect(rto?.actualColumn).toBe(2);
    expect(rto?.rows[0]?.[2]).toBe("4 min 00 s (within 5 min)");
    expect(rto?.rows[1]?.[2]).toBe("other scenario");
    const field = (k: string) => r.incident.find((f) => f.key === k);
    expect(field("incidentId")).toMatchObject({ value: "INC-42", source: "runbook" });
    expect(field("rollbackType")).toMatchObject({ value: expect.stringContaining("Scenario A"), source: "run" });
    expect(field("databaseRollback")?.value).toMatch(/^Yes/);
    expect(field("dataRestoration")?.value).toBe("No");
    expect(field("rollbackInitiated")?.value).toBe("2026-01-02 10:00:10 UTC");
    expect(field("severity")).toMatchObject({ value: "", source: "empty" });
  });

  it("applies the reviewer's events: fields, comments, sign-off, reopen", () => {
    const base = scenarioARun();
    const at = "2026-01-03T09:00:00.000Z";
    const more = (bodies: EventBody[]) => [...base, ...bodies.map((b, i) => ({ ...b, seq: base.length + i + 1, actor: "carol", at }))];
    const signed = buildReport(version, more([
      { type: "report.field_set", payload: { field: "severity", value: "P2" } },
      { type: "report.field_set", payload: { field: "databaseRollback", value: "Yes, partial" } },
      { type: "report.commented", stepId: convert, payload: { text: "budget is too tight" } },
      { type: "report.signed_off", payload: { name: "Carol Reviewer", note: "ok" } },
    ]));
    expect(signed.incident.find((f) => f.key === "severity")).toMatchObject({ value: "P2", source: "reviewer", by: "carol" });
    expect(signed.incident.find((f) => f.key === "databaseRollback")).toMatchObject({ value: "Yes, partial", derived: expect.stringMatching(/^Yes \(#/) });
    expect(signed.review.signOff).toMatchObject({ name: "Carol Reviewer", by: "carol", at });
    expect(signed.sections.flatMap((s) => s.steps).find((s) => s.id === convert)?.notes.map((n) => n.origin)).toEqual(["run", "review"]);
    expect(signed.summary.reviewers).toEqual(["carol"]);
    expect(signed.summary.participants).toEqual(["alice", "bob"]);
    expect(reportToMarkdown(signed)).toContain("**Signed off** by Carol Reviewer");
    const reopened = buildReport(version, more([{ type: "report.signed_off", payload: { name: "Carol", note: "" } }, { type: "report.reopened", payload: { reason: "missing impact" } }]));
    expect(reopened.review.signOff).toBeNull();
    expect(reopened.review.history.map((h) => h.kind)).toEqual(["signed_off", "reopened"]);
    expect(reportToMarkdown(reopened)).toContain("**Reopened**");
    // The live projection keeps its old behaviour and gains the review.
    expect(projectRun(more([{ type: "report.reopened", payload: { reason: "x" } }])).status).toBe("succeeded");
  });

  it("is a pure function: same events, byte-identical Markdown, also after a JSON round trip and reordering", () => {
    const events = scenarioARun();
    const a = reportToMarkdown(buildReport(version, events));
    const b = reportToMarkdown(buildReport(JSON.parse(JSON.stringify(version)), JSON.parse(JSON.stringify(events))));
    const c = reportToMarkdown(buildReport(version, [...events].reverse()));
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(JSON.stringify(buildReport(version, events))).toBe(JSON.stringify(buildReport(version, JSON.parse(JSON.stringify(events)))));
    expect(a).toMatch(/^# Rollback report: Demo rollback\n/);
    expect(a).toContain("| Scenario | RTO | Actual |");
    expect(a).toContain("slower than documented");
  });

  it("masks URL passwords in anything it prints, even if a log slipped one through", () => {
    const events = scenarioARun();
    const leaked = log([[null, "2026-01-02T10:00:11.600Z", { type: "step.output", stepId: check, payload: { attempt: 1, chunks: [{ stream: "stdout", text: "url=postgres://desk:hunter2hunter2@db:5432/x\n" }] } }]]);
    const withLeak = [...events.slice(0, 7), { ...leaked[0], seq: 7.5 } as RunEventRecord, ...events.slice(7)];
    const md = reportToMarkdown(buildReport(version, withLeak));
    expect(md).toContain("postgres://desk:••••••@db");
    expect(md).not.toContain("hunter2hunter2");
  });

  it("seed 000 scenario C: the RTO table row for scenario C gets the run's duration", () => {
    const seed = parseRunbook(readSeed("000"));
    const v = { runbook: { slug: "seed-000", title: seed.title }, number: 1, parsed: seed };
    const events = log([
      ["cmd", "2026-01-02T10:00:00.000Z", { type: "run.created", payload: { runbook: { slug: "seed-000", title: seed.title, version: 1 }, target: { name: "sandbox", protected: false }, scenario: "scenario-c", drill: false, variables: {} } }],
      ["cmd", "2026-01-02T10:07:30.000Z", { type: "run.finished", payload: { status: "succeeded", note: "" } }],
    ]);
    const r = buildReport(v, events);
    expect(r.summary.rto).toMatchObject({ budgetSeconds: 600, withinBudget: true });
    const rto = r.rtoTables.find((t) => t.header.includes("RTO"));
    expect(rto?.header.at(-1)).toBe("Actual");
    const row = rto?.rows.find((x) => x[0]?.startsWith("C:"));
    expect(row?.at(-1)).toBe("7 min 30 s (within 10 min)");
    expect(rto?.rows.find((x) => x[0]?.startsWith("B:"))?.at(-1)).toBe("other scenario");
    expect(r.incident.find((f) => f.key === "rollbackType")?.value).toContain("Scenario C");
  });
});
