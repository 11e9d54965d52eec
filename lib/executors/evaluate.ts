// Expectations → verdicts. A verdict is "pass" or "fail" only when the result really answers the
// expectation; otherwise it is "not_checkable" with the reason, never a guess.
import type { Expectation } from "@/lib/importer/types";
import { renderTable } from "./psql";
import type { ExecResult, SqlResult, Verdict } from "./types";

export interface EvaluateOptions {
  // Document line of the first line of the SQL that ran: lets an expectation be matched to the
  // statement it follows (SqlResult.line is relative to the SQL text).
  sqlFirstLine?: number;
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

// psql prints booleans as t/f; runbooks write either that or true/false.
const BOOLEAN: Record<string, string> = { t: "true", true: "true", f: "false", false: "false" };

function sameScalar(actual: string, expected: string): boolean {
  const a = actual.trim();
  const e = expected.trim();
  if (NUMBER.test(a) && NUMBER.test(e)) return Number(a) === Number(e);
  const ab = BOOLEAN[a.toLowerCase()];
  const eb = BOOLEAN[e.toLowerCase()];
  if (ab && eb) return ab === eb;
  return a === e;
}

const resultSets = (r: ExecResult) => r.results.filter((x) => x.columns.length > 0);
const where = (r: SqlResult) => `statement at line ${r.line} (${r.command})`;
const normalize = (s: string) => s.replace(/\s+/g, " ").trim();

function distinctFirstColumn(r: SqlResult): string[] {
  return [...new Set(r.rows.map((row) => (row[0] ?? "").trim()))].sort();
}

/** The statement an expectation is about: the last one before it in the document when lines are
 * known, else the last candidate (or, among several, the first that satisfies it). */
function pick(candidates: SqlResult[], e: Expectation, options: EvaluateOptions, passes: (r: SqlResult) => boolean): SqlResult | undefined {
  if (candidates.length <= 1) return candidates[0];
  if (options.sqlFirstLine !== undefined) {
    const before = candidates.filter((r) => (options.sqlFirstLine ?? 0) + r.line - 1 <= e.line);
    return before[before.length - 1] ?? candidates[0];
  }
  return candidates.find(passes) ?? candidates[candidates.length - 1];
}

function notFinished(result: ExecResult): string {
  return `the step ${result.status.replace("_", " ")} before producing it${result.error ? `: ${result.error.split("\n")[0]}` : ""}`;
}

function haystack(result: ExecResult): string {
  const parts = [result.stdoutTail];
  for (const r of result.results) {
    if (r.columns.length === 0) continue;
    parts.push(renderTable(r.columns, r.rows, { rowCount: r.rowCount ?? r.rows.length }));
    parts.push(...r.rows.map((row) => row.join(" | ")), ...r.rows.map((row) => row.join(", ")));
    parts.push(r.rows.map((row) => row[0] ?? "").join(", "));
  }
  return normalize(parts.join("\n"));
}

function verdict(expectation: Expectation, outcome: Verdict["outcome"], actual: string, reason: string): Verdict {
  return { expectation, outcome, actual, reason };
}

function evaluateOne(e: Expectation, result: ExecResult, options: EvaluateOptions): Verdict {
  const finished = result.status === "succeeded";
  switch (e.kind) {
    case "note":
      return verdict(e, "not_checkable", "", "a note for people: no automatic check");
    case "exitCode": {
      if (result.exitCode === null) return verdict(e, "fail", "no exit code", notFinished(result));
      const ok = result.exitCode === e.equals;
      return verdict(e, ok ? "pass" : "fail", `exit ${result.exitCode}`, ok ? "exit code matches" : `expected exit ${e.equals}`);
    }
    case "httpStatus": {
      if (result.httpStatus === null) return verdict(e, "fail", "no HTTP response", result.error ?? notFinished(result));
      const ok = result.httpStatus === e.equals;
      return verdict(e, ok ? "pass" : "fail", `HTTP ${result.httpStatus}`, ok ? "status matches" : `expected HTTP ${e.equals}`);
    }
    case "contains": {
      const text = haystack(result);
      const needle = normalize(e.text);
      if (!needle) return verdict(e, "not_checkable", "", "empty text to look for");
      if (text.includes(needle)) return verdict(e, "pass", "found", "the output contains the text");
      return verdict(e, "fail", "not found", finished ? "the output (last 64 KB and result tables) does not contain the text" : notFinished(result));
    }
    case "rowCount": {
      const candidates = result.results.filter((r) => r.rowCount !== null);
      const r = pick(candidates, e, options, (x) => x.rowCount === e.equals);
      if (!r) return finished ? verdict(e, "not_checkable", "", "no SQL result to count rows of") : verdict(e, "fail", "no result", notFinished(result));
      const ok = r.rowCount === e.equals;
      return verdict(e, ok ? "pass" : "fail", `${r.rowCount} row${r.rowCount === 1 ? "" : "s"}`, `${where(r)}${ok ? "" : `: expected ${e.equals}`}`);
    }
    case "scalar": {
      const r = pick(resultSets(result), e, options, (x) => sameScalar(x.rows[0]?.[0] ?? "", e.equals));
      if (!r) {
        const lines = result.stdoutTail.trim().split("\n");
        // A command's single line of output (psql -t -c "SELECT count(*)…" run as shell).
        if (result.results.length === 0 && finished && lines.length === 1 && lines[0]) {
          const ok = sameScalar(lines[0], e.equals);
          return verdict(e, ok ? "pass" : "fail", lines[0].trim(), ok ? "the output matches" : `expected ${e.equals}`);
        }
        return finished ? verdict(e, "not_checkable", "", "no result set holding a single value") : verdict(e, "fail", "no result", notFinished(result));
      }
      const first = r.rows[0]?.[0];
      if (first === undefined) return verdict(e, "fail", "no rows", `${where(r)} returned no rows`);
      const ok = sameScalar(first, e.equals);
      return verdict(e, ok ? "pass" : "fail", first.trim(), `${where(r)}${ok ? "" : `: expected ${e.equals}`}`);
    }
    case "set": {
      const expected = [...new Set(e.equals.map((v) => v.trim()))].sort();
      const same = (x: SqlResult) => {
        const actual = distinctFirstColumn(x);
        return actual.length === expected.length && actual.every((v, i) => v === expected[i]);
      };
      const r = pick(resultSets(result), e, options, same);
      if (!r) return finished ? verdict(e, "not_checkable", "", "no result set to compare") : verdict(e, "fail", "no result", notFinished(result));
      const actual = distinctFirstColumn(r);
      const shown = `{${actual.join(", ")}}`;
      if (same(r)) return verdict(e, "pass", shown, `${where(r)}: same values`);
      const unexpected = actual.filter((v) => !expected.includes(v));
      const missing = expected.filter((v) => !actual.includes(v));
      if (r.truncated && unexpected.length === 0)
        return verdict(e, "not_checkable", shown, `${where(r)}: only the first ${r.rows.length} of ${r.rowCount} rows are kept, so missing values cannot be ruled out`);
      const diff = [unexpected.length ? `unexpected ${unexpected.join(", ")}` : "", missing.length ? `missing ${missing.join(", ")}` : ""].filter(Boolean).join("; ");
      return verdict(e, "fail", shown, `${where(r)}: ${diff}`);
    }
  }
}

export function evaluate(expectations: readonly Expectation[], result: ExecResult, options: EvaluateOptions = {}): Verdict[] {
  return expectations.map((e) => evaluateOne(e, result, options));
}
