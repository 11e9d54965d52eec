import { classifyShellCommand, commandOpensSession, type Classified } from "./classify-command";
import { stripSqlPrompt } from "./code-roles";
import { matchExpectationLabel, parseExpectationValue, PLACEHOLDER, type ExpectContext } from "./expectations";
import { splitShell } from "./shell-split";
import { isDestructiveSql, looksLikeSqlLine, splitSqlStatements } from "./sql-statements";
import type { Command, Expectation, LineRange } from "./types";

export interface ContentLine {
  line: number;
  text: string;
}

const COMMENT = /^\s*(?:#+|--)\s?(.*)$/;

function lastSqlStatement(sql: string): string | null {
  const statements = splitSqlStatements(sql, 1).filter((s) => looksLikeSqlLine(s.sql));
  return statements[statements.length - 1]?.sql ?? null;
}

// Expectations written as comments inside a command's lines ("# Expected: …", "-- Expected: …").
function commentExpectations(lines: ContentLine[], base: Omit<ExpectContext, "sqlBefore">, sqlBefore: (line: number) => string | null): Expectation[] {
  const out: Expectation[] = [];
  for (let k = 0; k < lines.length; k++) {
    const entry = lines[k];
    if (!entry) continue;
    const m = COMMENT.exec(entry.text);
    if (!m) continue;
    const label = matchExpectationLabel(m[1] ?? "");
    if (!label) continue;
    const source = entry.text.trim();
    const ctx: ExpectContext = { ...base, sqlBefore: sqlBefore(entry.line) };
    if (label.value) {
      out.push(parseExpectationValue(label.value, source, entry.line, ctx, label.soft));
      continue;
    }
    // "# Expected files:" followed by "# - a.sql" items, or free comment lines.
    const items: ContentLine[] = [];
    for (let j = k + 1; j < lines.length; j++) {
      const next = lines[j];
      const c = next ? COMMENT.exec(next.text) : null;
      if (!next || !c || matchExpectationLabel(c[1] ?? "") || (c[1] ?? "").trim() === "") break;
      items.push({ line: next.line, text: (c[1] ?? "").trim() });
    }
    const bullets = items.length > 0 && items.every((i) => /^[-*•]\s+\S/.test(i.text));
    if (bullets && !label.soft) {
      for (const item of items) {
        const text = item.text.replace(/^[-*•]\s+/, "");
        out.push(PLACEHOLDER.test(text) ? { kind: "note", text, source: item.text, line: item.line } : { kind: "contains", text, source: item.text, line: item.line });
      }
    } else {
      out.push({ kind: "note", text: items.map((i) => i.text).join("\n") || source, source, line: entry.line });
    }
  }
  return out;
}

function outputExpectations(output: ContentLine[]): Expectation[] {
  if (output.length === 0) return [];
  const out: Expectation[] = [];
  for (const o of output) {
    const rows = /^\s*\((\d+)\s+rows?\)\s*$/.exec(o.text);
    if (rows) out.push({ kind: "rowCount", equals: Number(rows[1]), source: o.text.trim(), line: o.line });
  }
  if (out.length === 0) {
    out.push({ kind: "note", text: output.map((o) => o.text).join("\n"), source: "sample output", line: output[0]?.line ?? 0 });
  }
  return out;
}

// Content lines are consecutive, so a range maps to an index window.
function slice(content: ContentLine[], range: LineRange): ContentLine[] {
  const first = content[0]?.line ?? 1;
  return content.slice(Math.max(0, range[0] - first), Math.max(0, range[1] - first + 1));
}

export function shellCommands(content: ContentLine[]): { commands: Command[]; warnings: string[] } {
  const first = content[0]?.line ?? 1;
  const split = splitShell(
    content.map((c) => c.text),
    first,
    { opensSession: (text) => commandOpensSession(text) },
  );
  const commands = split.commands.map((raw): Command => {
    const c: Classified = classifyShellCommand(raw);
    const lines = slice(content, raw.lines);
    const sqlBefore = (line: number): string | null => {
      if (c.sql === null) return null;
      const body = lines.filter((l) => l.line > raw.codeLines[0] && l.line < line && !/^\s*(EOF|SQL|END)\s*$/.test(l.text)).map((l) => l.text);
      return lastSqlStatement(body.join("\n")) ?? lastSqlStatement(c.sql);
    };
    const expect = [...commentExpectations(lines, { executor: c.executor, tool: c.tool }, sqlBefore), ...outputExpectations(raw.output)];
    return { executor: c.executor, code: c.code, lines: raw.lines, destructive: c.destructive, expect, tool: c.tool };
  });
  return { commands, warnings: split.warnings };
}

const CONNECT_LINE = /^\s*(psql|mysql|mariadb|sqlite3)\b/;

// SQL fences: one command per statement. psql meta-commands (\dt, \d users) cannot run through
// a native driver, so they become manual psql commands; a "psql -h …" connection line inside an
// SQL fence only says where to run it (the run's target decides that) and is kept as context.
export function sqlCommands(content: ContentLine[], output: ContentLine[] = []): { commands: Command[]; warnings: string[] } {
  const first = content[0]?.line ?? 1;
  const last = content[content.length - 1]?.line ?? first;
  const items: { lines: LineRange; command: Omit<Command, "lines" | "expect">; sql: string | null }[] = [];
  const sqlText = content
    .map((c) => {
      const t = c.text.trim();
      if (t.startsWith("\\")) {
        items.push({ lines: [c.line, c.line], sql: null, command: { executor: "manual", code: t, destructive: false, tool: "psql" } });
        return "";
      }
      return CONNECT_LINE.test(c.text) ? "" : c.text;
    })
    .join("\n");
  for (const st of splitSqlStatements(sqlText, first)) {
    items.push({ lines: st.lines, sql: st.sql, command: { executor: "sql", code: st.sql, destructive: isDestructiveSql(st.sql), tool: null } });
  }
  items.sort((a, b) => a.lines[0] - b.lines[0]);
  const outputLines = new Set(output.map((o) => o.line));
  const isBlank = (line: number): boolean => !outputLines.has(line) && (content[line - first]?.text.trim() ?? "") === "";
  const commands = items.map((item, k): Command => {
    const start = k === 0 ? first : item.lines[0];
    let end = (items[k + 1]?.lines[0] ?? last + 1) - 1;
    while (end > item.lines[1] && isBlank(end)) end--;
    const range: LineRange = [start, Math.max(start, end)];
    const expect = [
      ...commentExpectations(slice(content, range), { executor: item.command.executor, tool: item.command.tool }, () => item.sql),
      ...outputExpectations(output.filter((o) => o.line >= range[0] && o.line <= range[1])),
    ];
    return { ...item.command, lines: range, expect };
  });
  return { commands, warnings: [] };
}

// mysql> / postgres=# transcripts: prompt lines are input, the rest is sample output.
export function sqlSessionCommands(content: ContentLine[]): { commands: Command[]; warnings: string[] } {
  const input: ContentLine[] = [];
  const output: ContentLine[] = [];
  let inStatement = false;
  for (const c of content) {
    const p = stripSqlPrompt(c.text);
    if (p.kind === "input" || (p.kind === "continuation" && inStatement)) {
      input.push({ line: c.line, text: p.text });
      inStatement = !/;\s*$/.test(p.text);
    } else {
      input.push({ line: c.line, text: "" });
      if (c.text.trim() !== "") output.push(c);
      inStatement = false;
    }
  }
  return sqlCommands(input, output);
}
