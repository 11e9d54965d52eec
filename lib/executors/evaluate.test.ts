import { describe, expect, it } from "vitest";
import type { Expectation } from "@/lib/importer/types";
import { evaluate } from "./evaluate";
import type { ExecResult, SqlResult } from "./types";

const base: ExecResult = { status: "succeeded", exitCode: 0, error: null, results: [], httpStatus: null, stdoutTail: "", produced: {} };

function sql(rows: string[][], extra: Partial<SqlResult> = {}): SqlResult {
  return { statement: "SELECT …", line: 1, command: "SELECT", rowCount: rows.length, columns: ["c"], rows, truncated: false, durationMs: 1, ...extra };
}

const one = (e: Expectation, r: Partial<ExecResult>) => {
  const [v] = evaluate([e], { ...base, ...r });
  if (!v) throw new Error("no verdict");
  return v;
};
const at = { source: "-- Expected: …", line: 10 };

describe("evaluate", () => {
  it("exitCode", () => {
    expect(one({ kind: "exitCode", equals: 0, ...at }, {}).outcome).toBe("pass");
    expect(one({ kind: "exitCode", equals: 0, ...at }, { status: "failed", exitCode: 2 })).toMatchObject({ outcome: "fail", actual: "exit 2" });
    expect(one({ kind: "exitCode", equals: 0, ...at }, { status: "timed_out", exitCode: null, error: "timed out after 5 ms" })).toMatchObject({
      outcome: "fail",
      reason: "the step timed out before producing it: timed out after 5 ms",
    });
  });

  it("httpStatus", () => {
    expect(one({ kind: "httpStatus", equals: 200, ...at }, { httpStatus: 200 }).outcome).toBe("pass");
    expect(one({ kind: "httpStatus", equals: 200, ...at }, { httpStatus: 503 })).toMatchObject({ outcome: "fail", actual: "HTTP 503" });
    expect(one({ kind: "httpStatus", equals: 200, ...at }, { status: "failed", error: "request to h:80 failed: connection refused" })).toMatchObject({
      outcome: "fail",
      reason: "request to h:80 failed: connection refused",
    });
  });

  it("rowCount of the statement, including affected rows", () => {
    expect(one({ kind: "rowCount", equals: 0, ...at }, { results: [sql([])] }).outcome).toBe("pass");
    expect(one({ kind: "rowCount", equals: 0, ...at }, { results: [sql([["1"]])] })).toMatchObject({ outcome: "fail", actual: "1 row" });
    const update = sql([], { command: "UPDATE", columns: [], rowCount: 3 });
    expect(one({ kind: "rowCount", equals: 3, ...at }, { results: [update] }).outcome).toBe("pass");
    expect(one({ kind: "rowCount", equals: 3, ...at }, { results: [] }).outcome).toBe("not_checkable");
  });

  it("scalar: first column of the first row, trimmed, numbers numerically", () => {
    expect(one({ kind: "scalar", equals: "0", ...at }, { results: [sql([["  0 "]])] }).outcome).toBe("pass");
    expect(one({ kind: "scalar", equals: "1.5", ...at }, { results: [sql([["1.50"]])] }).outcome).toBe("pass");
    expect(one({ kind: "scalar", equals: "0", ...at }, { results: [sql([["7"]])] })).toMatchObject({ outcome: "fail", actual: "7" });
    expect(one({ kind: "scalar", equals: "abc", ...at }, { results: [sql([["ABC"]])] }).outcome).toBe("fail");
    // psql's t/f against a runbook's true/false, both ways; a boolean never equals a non-boolean.
    expect(one({ kind: "scalar", equals: "false", ...at }, { results: [sql([["f"]])] }).outcome).toBe("pass");
    expect(one({ kind: "scalar", equals: "t", ...at }, { results: [sql([["true"]])] }).outcome).toBe("pass");
    expect(one({ kind: "scalar", equals: "true", ...at }, { results: [sql([["f"]])] }).outcome).toBe("fail");
    expect(one({ kind: "scalar", equals: "true", ...at }, { results: [sql([["1"]])] }).outcome).toBe("fail");
    expect(one({ kind: "scalar", equals: "0", ...at }, { results: [sql([])] })).toMatchObject({ outcome: "fail", actual: "no rows" });
    // psql -t -c … run as a shell command: one line of output
    expect(one({ kind: "scalar", equals: "42", ...at }, { stdoutTail: "   42\n" }).outcome).toBe("pass");
    expect(one({ kind: "scalar", equals: "42", ...at }, { stdoutTail: "a\nb\n" }).outcome).toBe("not_checkable");
  });

  it("set: distinct first-column values, case-sensitive", () => {
    const rows = [["market_edge"], ["causal_edge"], ["value_edge"], ["market_edge"]];
    const e: Expectation = { kind: "set", equals: ["market_edge", "causal_edge", "value_edge"], ...at };
    expect(one(e, { results: [sql(rows)] })).toMatchObject({ outcome: "pass", actual: "{causal_edge, market_edge, value_edge}" });
    const upper = [["MARKET_EDGE"], ["causal_edge"], ["value_edge"]];
    expect(one(e, { results: [sql(upper)] })).toMatchObject({ outcome: "fail", reason: expect.stringContaining("unexpected MARKET_EDGE; missing market_edge") });
    const partial = sql([["market_edge"]], { truncated: true, rowCount: 5000 });
    expect(one(e, { results: [partial] }).outcome).toBe("not_checkable");
  });

  it("matches an expectation to the statement it follows", () => {
    const distinct = sql([["a"], ["b"]], { line: 2 });
    const count = sql([["2"]], { line: 6 });
    const set: Expectation = { kind: "set", equals: ["a", "b"], source: "-- Expected: a, b", line: 104 };
    const scalar: Expectation = { kind: "scalar", equals: "2", source: "-- Expected: 2", line: 108 };
    // Lines known: SQL starts at document line 101, so statements sit at 102 and 106 (a trailing
    // comment on the statement's own line counts as following it).
    const known = evaluate([set, scalar], { ...base, results: [distinct, count] }, { sqlFirstLine: 101 });
    expect(known.map((v) => v.outcome)).toEqual(["pass", "pass"]);
    expect(known[0]?.reason).toContain("line 2");
    // Without lines: the best matching result set.
    expect(evaluate([set, scalar], { ...base, results: [distinct, count] }).map((v) => v.outcome)).toEqual(["pass", "pass"]);
    const wrong: Expectation = { kind: "scalar", equals: "9", source: "", line: 108 };
    expect(evaluate([wrong], { ...base, results: [distinct, count] }, { sqlFirstLine: 101 })[0]).toMatchObject({ outcome: "fail", actual: "2" });
  });

  it("contains: output tail or result tables, whitespace-insensitive", () => {
    const e = (text: string): Expectation => ({ kind: "contains", text, ...at });
    expect(one(e("Downgrade complete"), { stdoutTail: "INFO  [alembic]   Downgrade   complete\n" }).outcome).toBe("pass");
    expect(one(e("value_edge"), { results: [sql([["value_edge"]])] }).outcome).toBe("pass");
    expect(one(e("a, b"), { results: [sql([["a"], ["b"]])] }).outcome).toBe("pass");
    expect(one(e("missing"), { stdoutTail: "other" })).toMatchObject({ outcome: "fail", actual: "not found" });
    expect(one(e("x"), { status: "failed", exitCode: 1, error: "boom" })).toMatchObject({ outcome: "fail", reason: expect.stringContaining("failed before producing it: boom") });
  });

  it("note is never checked", () => {
    expect(one({ kind: "note", text: "Verify no errors in Sentry", ...at }, {})).toMatchObject({ outcome: "not_checkable", reason: expect.stringContaining("note") });
  });
});
