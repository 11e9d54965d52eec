import { describe, expect, it } from "vitest";
import { parseRunbook } from "./parse-runbook";
import { expectEachInExactlyOne, expectFullCoverage, fenceOpenings, insideFences, rawLines, readFixture } from "./test-helpers";

function taskLines(text: string): number[] {
  const inside = insideFences(text);
  return rawLines(text).flatMap((l, i) => (!inside.has(i + 1) && /^\s*[-*+] \[[ xX]\] /.test(l) ? [i + 1] : []));
}

describe("fixture: messy kitchen sink", () => {
  const text = readFixture("messy-kitchen-sink.md");
  const r = parseRunbook(text);
  // Fences inside the HTML comment (lines 9-11) are not fences; terraform (82), prose in an
  // unknown language (90) and mermaid (103) are not runnable.
  const notRunnable = [9, 11, 82, 90, 103];

  it("covers every line and keeps front matter", () => {
    expectFullCoverage(r, text);
    expect(r.blocks[0]).toEqual({ type: "frontmatter", lines: [1, 5] });
    expect(r.frontmatter).toMatchObject({ title: "Payments DB failover rollback", owner: "dba-team" });
    expect(r.blocks.find((b) => b.lines[0] === 7)).toEqual({ type: "html", lines: [7, 12] });
  });

  it("makes one step per runnable fence, including nested and over-indented ones", () => {
    const runnable = fenceOpenings(text).filter((o) => !notRunnable.includes(o.line));
    expect(runnable.map((o) => o.line)).toEqual([27, 32, 37, 50, 56, 63, 74, 86]);
    expect(r.steps.map((s) => s.lines[0])).toEqual(runnable.map((o) => o.line));
    expectEachInExactlyOne(r.steps.map((s) => s.lines), runnable.map((o) => o.line));
  });

  it("infers executors for mislabelled, prompted and attributed blocks", () => {
    const by = (line: number) => r.steps.find((s) => s.lines[0] === line);
    expect(by(27)).toMatchObject({ executor: "sql", title: "Check the replica state" });
    expect(by(27)?.expect).toContainEqual(expect.objectContaining({ kind: "scalar", equals: "t" }));
    expect(by(32)).toMatchObject({ executor: "shell", destructive: true, attributes: { name: "stop-writer", interactive: "false" }, title: "stop-writer" });
    expect(by(37)?.commands[0]).toMatchObject({ code: "pm2 delete payments-worker", destructive: true });
    expect(by(50)).toMatchObject({ executor: "sql", destructive: true });
    expect(by(56)?.commands.map((c) => c.executor)).toEqual(["backup", "shell"]);
    expect(by(63)).toMatchObject({ executor: "sql", destructive: false });
    expect(by(63)?.expect).toContainEqual(expect.objectContaining({ kind: "rowCount", equals: 0 }));
    expect(by(74)?.expect).toContainEqual(expect.objectContaining({ kind: "set", equals: ["reverted", "pending"] }));
    expect(by(74)?.variables).toEqual(["DATABASE_URL", "<batch_id>"]);
    expect(by(86)).toMatchObject({ executor: "restore", destructive: true });
  });

  it("reports unsafe HTML and unknown languages", () => {
    expect(r.warnings.some((w) => w.includes("<script>"))).toBe(true);
    expect(r.warnings.some((w) => w.includes("event handler"))).toBe(true);
    expect(r.warnings.some((w) => w.includes("javascript:"))).toBe(true);
    expect(r.warnings.some((w) => w.includes('"weirdlang": not runnable'))).toBe(true);
  });

  it("reads scenarios, budgets, nested checks and blanks", () => {
    expect(r.scenarios.map((s) => s.id)).toEqual(["scenario-a", "scenario-b"]);
    expect(r.sections.find((s) => s.title.startsWith("Copy data back"))?.scenario).toBe("scenario-b");
    expect(r.sections[0]?.budgetSeconds).toBe(1200);
    expect(r.sections[1]?.budgetSeconds).toBe(300);
    const tasks = taskLines(text);
    expect(tasks).toHaveLength(4);
    expect(r.checks).toHaveLength(4);
    expectEachInExactlyOne(r.checks.map((c) => c.lines), tasks);
    expect(r.checks.map((c) => c.checked)).toEqual([false, true, false, false]);
    expect(r.blanks.map((b) => b.label)).toEqual(["Operator (Demote replica)", "Duration (Demote replica)", "Operator (Copy back)", "Duration (Copy back)", "Backup location", "and checksum"]);
  });
});

describe("fixture: no headings, non-English, unterminated fence", () => {
  const text = readFixture("no-headings-i18n.md");
  const r = parseRunbook(text);
  it("covers every line with no sections", () => {
    expectFullCoverage(r, text);
    expect(r.sections).toEqual([]);
    expect(r.title).toBe("Rückrollplan für die Zahlungsdatenbank — bitte sorgfältig lesen.");
    expect(r.notices).toEqual([]); // real non-ASCII text is not "repaired"
    expect(r.text).toBe(text);
  });
  it("finds steps, checks and blanks", () => {
    expect(r.steps.map((s) => s.lines[0])).toEqual(fenceOpenings(text).map((o) => o.line));
    expect(r.steps.map((s) => s.executor)).toEqual(["shell", "sql", "shell"]);
    expect(r.steps[0]?.variables).toEqual(["DATABASE_URL"]); // BACKUP_DIR is produced in the block
    expect(r.steps[0]?.commands.map((c) => c.executor)).toEqual(["shell", "backup", "http", "shell", "shell"]);
    expect(r.steps[0]?.commands[2]?.expect).toContainEqual(expect.objectContaining({ kind: "httpStatus", equals: 200 }));
    expect(r.steps[0]?.commands.filter((c) => c.destructive).map((c) => c.tool)).toEqual(["kill", "git"]);
    expect(r.steps[2]?.lines[1]).toBe(r.lineCount);
    expect(r.warnings.some((w) => w.includes("never closed"))).toBe(true);
    expect(r.checks).toHaveLength(taskLines(text).length);
    expect(r.blanks.map((b) => b.label)).toEqual(["Prüfsumme notiert", "Dauer"]);
  });
});
