import { describe, expect, it } from "vitest";
import { parseRunbook } from "./parse-runbook";
import { expectEachInExactlyOne, expectFullCoverage, fenceOpenings, insideFences, rawLines, readSeed } from "./test-helpers";
import type { ParsedRunbook, Step } from "./types";

// Counts below are derived from the raw text by regex, minus the fences judged not runnable,
// listed by opening line (each checked by reading the seed), and cross-checked with hand counts.
const NOT_RUNNABLE: Record<string, number[]> = {
  "000": [53, 211, 262, 395], // "Expected Output:" sample; three comment-only blocks
  "001": [],
  "002": [310, 545], // python settings snippet; comment-only block
  "003": [153, 337, 325], // checklist fence; ASCII decision tree; comment-only block
  "004": [349, 594, 642], // comment-only; markdown incident template; comment-only drill
};
const HAND_COUNTS: Record<string, { steps: number; checks: number; blanks: number }> = {
  "000": { steps: 22, checks: 0, blanks: 0 },
  "001": { steps: 6, checks: 60, blanks: 0 },
  "002": { steps: 33, checks: 20, blanks: 5 },
  "003": { steps: 10, checks: 27, blanks: 3 },
  "004": { steps: 24, checks: 30, blanks: 14 },
};
const CHECKLIST_FENCES: Record<string, number[]> = { "003": [153] };

function taskLines(text: string, seed: string): number[] {
  const inside = insideFences(text);
  const checklist = new Set<number>();
  for (const start of CHECKLIST_FENCES[seed] ?? []) {
    for (let l = start; inside.has(l); l++) checklist.add(l);
  }
  const out: number[] = [];
  rawLines(text).forEach((l, i) => {
    const n = i + 1;
    if (!inside.has(n) && /^\s*[-*+] \[[ xX]\] /.test(l)) out.push(n);
    if (checklist.has(n) && /^\s*\[[ xX]\]/.test(l)) out.push(n);
  });
  return out;
}

function blankCount(text: string, seed: string): number {
  const inside = insideFences(text);
  const checklist = new Set<number>();
  for (const start of CHECKLIST_FENCES[seed] ?? []) for (let l = start; inside.has(l); l++) checklist.add(l);
  let n = 0;
  rawLines(text).forEach((l, i) => {
    if (inside.has(i + 1) && !checklist.has(i + 1)) return;
    n += [...l.matchAll(/(?<![\p{L}\p{N}])_{3,}(?![\p{L}\p{N}])/gu)].length;
  });
  return n;
}

function stepAt(r: ParsedRunbook, line: number): Step {
  const s = r.steps.find((x) => x.lines[0] === line);
  if (!s) throw new Error(`no step opening at line ${line}`);
  return s;
}

describe.each(["000", "001", "002", "003", "004"])("seed %s", (seed) => {
  const text = readSeed(seed);
  const r = parseRunbook(text);

  it("covers every line exactly once, in order", () => {
    expectFullCoverage(r, text);
    expect(r.warnings.filter((w) => w.includes("internal error"))).toEqual([]);
  });

  it("makes one step per runnable fence and puts each fence in exactly one step", () => {
    const openings = fenceOpenings(text);
    const runnable = openings.filter((o) => !(NOT_RUNNABLE[seed] ?? []).includes(o.line));
    expect(r.steps.length).toBe(runnable.length);
    expect(r.steps.length).toBe(HAND_COUNTS[seed]?.steps);
    expect(r.steps.map((s) => s.lines[0])).toEqual(runnable.map((o) => o.line));
    expectEachInExactlyOne(r.steps.map((s) => s.lines), runnable.map((o) => o.line));
    for (const line of NOT_RUNNABLE[seed] ?? []) expect(r.steps.some((s) => s.lines[0] === line)).toBe(false);
  });

  it("finds every task item as exactly one check", () => {
    const tasks = taskLines(text, seed);
    expect(r.checks.length).toBe(tasks.length);
    expect(r.checks.length).toBe(HAND_COUNTS[seed]?.checks);
    expectEachInExactlyOne(r.checks.map((c) => c.lines), tasks);
  });

  it("finds every fill-in blank", () => {
    expect(r.blanks.length).toBe(blankCount(text, seed));
    expect(r.blanks.length).toBe(HAND_COUNTS[seed]?.blanks);
    for (const b of r.blanks) expect(b.label.length).toBeGreaterThan(0);
  });
});

describe("seed 000 (enum migration rollback)", () => {
  const r = parseRunbook(readSeed("000"));

  it("has scenarios A–D with RTO budgets", () => {
    expect(r.scenarios.map((s) => s.id)).toEqual(["scenario-a", "scenario-b", "scenario-c", "scenario-d"]);
    const budget = (id: string): number | null => r.sections.find((s) => s.id === r.scenarios.find((x) => x.id === id)?.section)?.budgetSeconds ?? null;
    expect(budget("scenario-b")).toBe(300);
    expect(budget("scenario-c")).toBe(600);
    expect(budget("scenario-d")).toBe(900);
  });

  it("puts the step-by-step sections and their subsections under their scenario", () => {
    const standard = r.sections.find((s) => s.title === "Step-by-Step Rollback (Scenario B - Standard)");
    expect(standard?.scenario).toBe("scenario-b");
    const child = r.sections.find((s) => s.parent === standard?.id && s.title === "4. Verify Enum Values Reverted");
    expect(child?.scenario).toBe("scenario-b");
    expect(r.sections.find((s) => s.title === "3. Verify Data Integrity")?.scenario).toBe("scenario-c");
    expect(r.sections.find((s) => s.title === "Overview")?.scenario).toBeNull();
  });

  it("runs the psql heredoc natively as SQL with a set expectation", () => {
    const s = stepAt(r, 236);
    expect(s.executor).toBe("sql");
    expect(s.commands).toHaveLength(1);
    expect(s.commands[0]?.code).toContain("SELECT DISTINCT application FROM user_application_access;");
    expect(s.commands[0]?.code).toContain("SELECT COUNT(*) FROM user_application_access;");
    expect(s.commands[0]?.code).not.toContain("EOF");
    expect(s.expect).toContainEqual(expect.objectContaining({ kind: "set", equals: ["market_edge", "causal_edge", "value_edge"] }));
    expect(s.variables).toEqual(["DATABASE_URL"]);
  });

  it("extracts multi-line psql -c SQL and the orphan check", () => {
    const s = stepAt(r, 302);
    const fk = s.commands.find((c) => c.code.includes("LEFT JOIN users"));
    expect(fk?.executor).toBe("sql");
    expect(fk?.code).toMatch(/^SELECT COUNT\(\*\)/);
    expect(fk?.expect).toContainEqual(expect.objectContaining({ kind: "scalar", equals: "0" }));
    expect(s.executor).toBe("shell");
  });

  it("turns the Expected Output block into expectations of the backup step", () => {
    const s = stepAt(r, 47);
    expect(s.expect).toContainEqual(expect.objectContaining({ kind: "contains", text: "[INFO] Backup completed successfully!" }));
    expect(s.expect.some((e) => e.kind === "contains" && e.text.includes("YYYYMMDD"))).toBe(false);
  });

  it("flags the downgrade and the manual downgrade SQL as destructive", () => {
    expect(stepAt(r, 134).destructive).toBe(true);
    const manual = stepAt(r, 563);
    expect(manual.executor).toBe("sql");
    expect(manual.destructive).toBe(true);
    expect(manual.commands.filter((c) => c.destructive).map((c) => c.code.split(/\s+/).slice(0, 2).join(" "))).toEqual(["ALTER TABLE", "DROP TYPE", "UPDATE user_application_access", "ALTER TABLE"]);
    expect(stepAt(r, 337).destructive).toBe(false);
  });

  it("infers executors and tools", () => {
    expect(stepAt(r, 202).executor).toBe("http");
    expect(stepAt(r, 337).executor).toBe("sql");
    expect(stepAt(r, 269).executor).toBe("manual");
    expect(stepAt(r, 99).commands.map((c) => c.tool)).toEqual(["aws", "aws"]);
    expect(stepAt(r, 323).expect).toContainEqual(expect.objectContaining({ kind: "exitCode", equals: 0 }));
    expect(stepAt(r, 604).variables).toEqual(["<backup_dir>", "DATABASE_URL"]);
  });

  it("links the RTO table rows to the scenario sections", () => {
    const rto = r.tables.find((t) => t.kind === "rto");
    expect(rto?.links?.map((l) => l.budgetSeconds)).toEqual([0, 300, 600, 900]);
    expect(rto?.links?.[1]?.section).toBe(r.scenarios[1]?.section);
    expect(r.tables.find((t) => t.lines[0] === 436)?.kind).toBe("rpo");
  });
});

describe("seed 002 (UUID schema rollback)", () => {
  const r = parseRunbook(readSeed("002"));
  it("classifies restores, meta-commands and the SQL fence with a psql line", () => {
    expect(stepAt(r, 344).executor).toBe("restore");
    expect(stepAt(r, 190).commands[0]).toMatchObject({ executor: "restore", destructive: true, tool: "pg_restore" });
    expect(stepAt(r, 152).commands[0]).toMatchObject({ executor: "shell", tool: "psql" }); // \d users
    const drop = stepAt(r, 175);
    expect(drop.executor).toBe("sql");
    expect(drop.commands).toHaveLength(7);
    expect(drop.commands.every((c) => c.destructive && c.code.startsWith("DROP TABLE"))).toBe(true);
    expect(stepAt(r, 429).destructive).toBe(false); // EXPLAIN ANALYZE SELECT
    expect(stepAt(r, 120).commands[2]).toMatchObject({ executor: "backup", tool: "pg_dump" });
  });
  it("reads the decision matrix and the RTO table with blanks", () => {
    expect(r.tables.map((t) => t.kind)).toEqual(["decision", "rto"]);
    expect(r.blanks.map((b) => b.label)[0]).toBe("Actual Time (Database Rollback)");
    const links = r.tables[1]?.links ?? [];
    expect(links[0]?.section).toBe("database-rollback-procedures");
    expect(r.sections.find((s) => s.id === "database-rollback-procedures")?.budgetSeconds).toBe(1800);
  });
});

describe("seed 003 (RLS rollback, Mac Roman mojibake)", () => {
  const text = readSeed("003");
  const r = parseRunbook(text);
  it("repairs the mojibake without changing the line count and says so", () => {
    expect(r.text.split("\n")[0]).toBe("# TASK A: Schema + RLS + Encryption — Rollback Procedure");
    expect(r.text).toContain('echo "🔍 Pre-Rollback State Check"');
    expect(r.text).not.toContain("‚Äî");
    expect(rawLines(r.text).length).toBe(rawLines(text).length);
    expect(r.notices.join(" ")).toMatch(/Mac Roman/);
    expect(r.title).toBe("TASK A: Schema + RLS + Encryption — Rollback Procedure");
  });
  it("reads expectations from the emergency block", () => {
    const s = stepAt(r, 14);
    expect(s.expect).toContainEqual(expect.objectContaining({ kind: "note", text: "no memory_chunks table" }));
    expect(s.expect).toContainEqual(expect.objectContaining({ kind: "rowCount", equals: 0 }));
    expect(s.commands[3]).toMatchObject({ executor: "sql", code: "SELECT polname FROM pg_policies WHERE tablename='memory_chunks';" });
    expect(r.sections.find((x) => x.id === s.section)?.budgetSeconds).toBe(120);
  });
  it("turns the checklist fence into checks and blanks", () => {
    expect(r.blanks.map((b) => b.label)).toEqual(["Backup location", "Backup size", "Duration"]);
    expect(r.checks.find((c) => c.lines[0] === 167)?.text).toBe("alembic downgrade -1 executed");
    expect(r.scenarios.map((s) => s.id)).toEqual(["scenario-1", "scenario-2", "scenario-3"]);
    expect(stepAt(r, 229).commands[1]).toMatchObject({ executor: "sql", destructive: true });
  });
});

describe("seed 004 (rollback plan, Windows-1252 mojibake)", () => {
  const r = parseRunbook(readSeed("004"));
  it("reads budgets from titles", () => {
    const budget = (title: string): number | null | undefined => r.sections.find((s) => s.title === title)?.budgetSeconds;
    expect(budget("Step 1: Stop Sync Worker (1 minute)")).toBe(60);
    expect(budget("Quick Rollback (< 10 minutes)")).toBe(600);
    expect(budget("Full Rollback (< 30 minutes)")).toBe(1800);
    expect(budget("Scenario 3: Data Corruption Detected")).toBe(1800);
  });
  it("repairs Windows-1252 mojibake", () => {
    expect(r.text).toContain("🔴 ROLLBACK IN PROGRESS");
    expect(r.text).toContain("- ✅ All health endpoints returning healthy");
    expect(r.notices.join(" ")).toMatch(/Windows-1252/);
  });
  it("classifies the destructive steps and http checks", () => {
    expect(stepAt(r, 67).destructive).toBe(true); // pm2 stop
    expect(stepAt(r, 67).commands[1]?.expect).toContainEqual(expect.objectContaining({ kind: "contains", text: "stopped" }));
    expect(stepAt(r, 204).commands.find((c) => c.code.includes("resolve --rolled-back"))?.destructive).toBe(true);
    expect(stepAt(r, 204).commands.find((c) => c.code.startsWith("psql $DATABASE_URL"))).toMatchObject({ executor: "manual", tool: "psql" });
    expect(stepAt(r, 239).commands.find((c) => c.tool === "dropdb")?.destructive).toBe(true);
    expect(stepAt(r, 463).executor).toBe("http");
    expect(stepAt(r, 463).expect).toContainEqual(expect.objectContaining({ kind: "httpStatus", equals: 200 }));
    expect(stepAt(r, 454).title).toBe("1. Health Endpoints");
    expect(stepAt(r, 110).destructive).toBe(false);
  });
  it("kinds tables by header", () => {
    expect(r.tables.map((t) => t.kind)).toEqual(["authorization"]);
  });
});
