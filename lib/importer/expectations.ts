import type { Executor, Expectation } from "./types";

// Expectations are prose ("# Expected: 0 (no orphaned records)", "-- Expected: (0 rows)",
// "Expected: `200`"); this turns them into checks where the text is unambiguous and keeps the rest
// as human notes. When in doubt we emit a note: a wrong automatic verdict is worse than none.

export interface ExpectContext {
  executor: Executor;
  tool: string | null;
  // The SQL statement the expectation follows, if any.
  sqlBefore: string | null;
}

const LABEL =
  /^\s*(expected(?:\s+(?:output|result|results|response|value|values|files?|status|rows?))?|returns?|result|output|should\s+(?:return|contain|show|be|see|print|list)|must\s+(?:return|be|show))\s*(?::|=|-)?\s*(.*)$/i;

export interface ExpectationLabel {
  label: string;
  value: string;
  soft: boolean; // "Should …" phrasing: always a note
}

export function matchExpectationLabel(text: string): ExpectationLabel | null {
  const m = LABEL.exec(text.replace(/^\s*[*_]+|[*_]+(?=\s*:)|(?<=:)\s*[*_]+/g, "").trim());
  if (!m) return null;
  const label = (m[1] ?? "").toLowerCase();
  // "Expected" must be followed by a colon/value; "Result" and "Output" need the colon to be labels.
  if (!/[:=]/.test(text) && !/^expected/.test(label)) return null;
  return { label, value: (m[2] ?? "").trim(), soft: /^(should|must)/.test(label) };
}

export const PLACEHOLDER = /\.\.\.|…|<[^>\s]+>|(?<![A-Za-z0-9])YYYY|\bHH:?MM\b|\bN\b|\bX{2,}\b|\{[A-Za-z_]+\}/;

const SUCCESS = /^(all tests pass(ed)?|tests pass(ed)?|success(ful(ly)?)?|succeeds?|passes|pass|ok|no errors?|completes? successfully|exit(s)? (with )?0|clean exit)\b\.?$/i;

function strip(value: string): string {
  return value.replace(/\.$/, "").trim();
}

function unwrap(value: string): string {
  const m = /^`([^`]*)`$/.exec(value) ?? /^"([^"]*)"$/.exec(value) ?? /^'([^']*)'$/.exec(value);
  return m ? (m[1] ?? "") : value;
}

export function parseExpectationValue(rawValue: string, source: string, line: number, ctx: ExpectContext, soft = false): Expectation {
  const value = strip(rawValue);
  const note: Expectation = { kind: "note", text: value || source, source, line };
  if (soft || !value) return note;
  const withoutParen = value.replace(/\s*\([^()]*\)\s*$/, "").trim();
  const bare = unwrap(withoutParen);
  const isHttp = ctx.executor === "http" || ctx.tool === "curl" || ctx.tool === "wget";

  const rows = /^\(?\s*(\d+)\s+rows?\s*\)?$/i.exec(value) ?? /^\(?\s*(\d+)\s+rows?\s*\)?$/i.exec(bare);
  if (rows) return { kind: "rowCount", equals: Number(rows[1]), source, line };
  if (/^(no rows|empty( result)?|nothing returned)$/i.test(bare)) return { kind: "rowCount", equals: 0, source, line };

  if (isHttp) {
    const status = /^(?:HTTP\/?\S*\s+|status\s*:?\s*)?`?([1-5]\d\d)`?(?:\b|$)/i.exec(value);
    if (status) return { kind: "httpStatus", equals: Number(status[1]), source, line };
  }
  const exit = /^exit(?:\s+code|\s+status)?\s*[:=]?\s*(\d+)/i.exec(bare);
  if (exit) return { kind: "exitCode", equals: Number(exit[1]), source, line };
  if (ctx.executor !== "sql" && SUCCESS.test(bare)) return { kind: "exitCode", equals: 0, source, line };

  if (/^-?\d+(\.\d+)?$/.test(bare)) return { kind: "scalar", equals: bare, source, line };
  // A single bare token after SQL (t, f, reverted, on) is the value psql prints.
  if ((ctx.executor === "sql" || ctx.sqlBefore) && /^[\w.:-]+$/.test(bare)) return { kind: "scalar", equals: bare, source, line };

  const list = bare.split(/\s*,\s*/);
  const listy = list.length >= 2 && list.every((v) => /^[\w.:-]+$/.test(v));
  if (listy && ctx.sqlBefore && /^\s*SELECT\s+DISTINCT\b/i.test(stripSqlComments(ctx.sqlBefore))) {
    return { kind: "set", equals: list, source, line };
  }
  if (PLACEHOLDER.test(bare)) return note;
  if (isJson(bare) || bare !== withoutParen || (listy && ctx.sqlBefore)) return { kind: "contains", text: bare, source, line };
  const quoted = /"([^"]+)"|`([^`]+)`/.exec(value);
  if (quoted) return { kind: "contains", text: quoted[1] ?? quoted[2] ?? "", source, line };
  return note;
}

function isJson(text: string): boolean {
  if (!/^[[{]/.test(text)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function stripSqlComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, "").replace(/\/\*[\s\S]*?\*\//g, "").trim();
}

// Lines of a sample-output block ("**Expected Output:**" + fence): each literal line must appear.
export function outputBlockExpectations(lines: { line: number; text: string }[], source: string): Expectation[] {
  const out: Expectation[] = [];
  const literal = lines.filter((l) => l.text.trim() !== "");
  for (const l of literal) {
    const rows = /^\s*\((\d+)\s+rows?\)\s*$/.exec(l.text);
    if (rows) out.push({ kind: "rowCount", equals: Number(rows[1]), source, line: l.line });
    else if (!PLACEHOLDER.test(l.text)) out.push({ kind: "contains", text: l.text.trim(), source, line: l.line });
  }
  if (out.length === 0 && literal.length > 0) {
    out.push({ kind: "note", text: literal.map((l) => l.text).join("\n"), source, line: literal[0]?.line ?? 0 });
  }
  return out;
}
