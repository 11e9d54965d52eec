import { postgreSplitterOptions, splitQuery, type SplitterOptions } from "dbgate-query-splitter";
import { scanToken } from "dbgate-query-splitter/lib/splitQuery";

export type SqlItem =
  | { kind: "statement"; text: string; line: number }
  | { kind: "meta"; text: string; line: number };

const OPTIONS: SplitterOptions = { ...postgreSplitterOptions, returnRichInfo: true };

const isIdentChar = (ch: string | undefined) => ch !== undefined && /[A-Za-z0-9_$\u0080-\uffff]/.test(ch);

// End index (of the closing quote) of an E'' string opening at `quote`: backslash escapes
// and doubled quotes. The splitter knows only standard strings, where \' does not escape.
function eStringEnd(sql: string, quote: number): number {
  let pos = quote + 1;
  while (pos < sql.length) {
    const ch = sql[pos];
    if (ch === "\\") pos += 2;
    else if (ch === "'" && sql[pos + 1] === "'") pos += 2;
    else if (ch === "'") return pos;
    else pos += 1;
  }
  return sql.length - 1;
}

function tokenAt(sql: string, position: number) {
  return scanToken({
    options: OPTIONS,
    source: sql,
    position,
    currentDelimiter: ";",
    end: sql.length,
    wasDataOnLine: true,
    isCopyFromStdin: false,
    isCopyFromStdinCandidate: false,
    beginEndIdentLevel: 0,
  });
}

/** Offset of the first thing that is not whitespace or a comment, or -1 if there is none. */
export function firstCodeOffset(text: string): number {
  let pos = 0;
  while (pos < text.length) {
    const token = tokenAt(text, pos);
    if (token.type !== "whitespace" && token.type !== "eoln" && token.type !== "comment") return pos;
    pos += Math.max(1, token.length);
  }
  return -1;
}

/**
 * Walks the text with the splitter's own scanner (strings, dollar quotes, comments) to find
 * what it cannot: E'' strings, whose content is blanked in a same-length shadow so their \' cannot
 * end them, and psql meta-commands (a backslash outside quotes, up to the end of the line), which
 * are cut out and become statement boundaries, as in psql.
 */
function shadowOf(sql: string): { shadow: string; metas: { start: number; text: string }[] } {
  const out = sql.split("");
  const metas: { start: number; text: string }[] = [];
  let pos = 0;
  while (pos < sql.length) {
    const ch = sql[pos];
    if ((ch === "E" || ch === "e") && sql[pos + 1] === "'" && !isIdentChar(sql[pos - 1])) {
      const end = eStringEnd(sql, pos + 1);
      for (let i = pos + 2; i < end; i++) if (out[i] !== "\n") out[i] = "x";
      pos = end + 1;
      continue;
    }
    if (ch === "\\") {
      let end = sql.indexOf("\n", pos);
      if (end === -1) end = sql.length;
      metas.push({ start: pos, text: sql.slice(pos, end).trim() });
      out[pos] = ";";
      for (let i = pos + 1; i < end; i++) out[i] = " ";
      pos = end;
      continue;
    }
    pos += Math.max(1, tokenAt(sql, pos).length);
  }
  return { shadow: out.join(""), metas };
}

const lineAt = (sql: string, position: number) => sql.slice(0, position).split("\n").length;

/**
 * Splits a SQL script into statements and psql meta-commands, in order. Statements keep their
 * comments but lose the trailing semicolon; comment-only pieces are dropped.
 */
export function splitSql(sql: string): SqlItem[] {
  const { shadow, metas } = shadowOf(sql);
  const items: (SqlItem & { start: number })[] = metas.map((m) => ({
    kind: "meta",
    text: m.text,
    start: m.start,
    line: lineAt(sql, m.start),
  }));
  for (const piece of splitQuery(shadow, OPTIONS)) {
    if (typeof piece === "string") continue;
    const start = piece.trimStart?.position ?? piece.start.position;
    const end = piece.trimEnd?.position ?? piece.end.position;
    const text = sql.slice(start, end);
    const code = firstCodeOffset(text);
    if (code === -1) continue;
    items.push({ kind: "statement", text: text.trim(), start, line: lineAt(sql, start + code) });
  }
  return items.sort((a, b) => a.start - b.start).map(({ kind, text, line }) => ({ kind, text, line }));
}
