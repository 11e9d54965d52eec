import { postgreSplitterOptions, splitQuery } from "dbgate-query-splitter";
import type { LineRange } from "./types";

export interface SqlStatement {
  sql: string;
  lines: LineRange; // from the first non-comment line to the statement's end
}

// Splits SQL into statements with their lines. `firstLine` is the absolute line of text's line 1.
// dbgate-query-splitter understands dollar quoting, comments and strings; we only map positions.
export function splitSqlStatements(text: string, firstLine: number): SqlStatement[] {
  let items: ReturnType<typeof splitQuery>;
  try {
    items = splitQuery(text, { ...postgreSplitterOptions, returnRichInfo: true });
  } catch {
    return text.trim() ? [{ sql: text.trim(), lines: [firstLine, firstLine + text.split("\n").length - 1] }] : [];
  }
  const lines = text.split("\n");
  const out: SqlStatement[] = [];
  for (const item of items) {
    if (typeof item === "string") continue;
    const sql = stripLeadingComments(item.text).trim();
    if (!sql) continue;
    let start = (item.trimStart ?? item.start).line;
    const end = (item.trimEnd ?? item.end).line;
    while (start < end && /^\s*(--.*)?$/.test(lines[start] ?? "")) start++;
    out.push({ sql, lines: [firstLine + start, firstLine + Math.max(start, end)] });
  }
  return out;
}

function stripLeadingComments(sql: string): string {
  return sql.replace(/^(?:\s*--[^\n]*\n?|\s*\/\*[\s\S]*?\*\/)*/, "");
}

// Removes comments and literal contents so keywords inside strings do not count.
function normalize(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, " ")
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/\s+/g, " ")
    .trim()
    .toUpperCase();
}

const WRITE_START = /^(DROP|ALTER|TRUNCATE|DELETE|UPDATE|INSERT|MERGE|UPSERT|REPLACE|RENAME|GRANT|REVOKE|CALL|DO|IMPORT|LOAD|REASSIGN|SECURITY DEFINER)\b/;
const DANGEROUS_FUNCTIONS = /\b(PG_TERMINATE_BACKEND|PG_CANCEL_BACKEND|PG_DROP_REPLICATION_SLOT|LO_UNLINK|DBLINK_EXEC|PG_RELOAD_CONF|SETVAL|PG_ADVISORY_LOCK)\s*\(/;

// Destructive = changes or removes data, schema, permissions or sessions in a way a rollback
// operator must confirm. INSERT counts (it writes production data); plain CREATE does not (it only
// adds objects and is undone by a DROP); CREATE OR REPLACE does (it overwrites a definition).
// Read-only: SELECT, SHOW, EXPLAIN without ANALYZE, VALUES/TABLE, transaction control, SET.
export function isDestructiveSql(statement: string): boolean {
  const s = normalize(statement);
  if (!s) return false;
  if (WRITE_START.test(s)) return true;
  if (/^CREATE OR REPLACE\b/.test(s)) return true;
  if (/^COPY\b[^;]*\bFROM\b/.test(s)) return true;
  if (/^EXPLAIN\b/.test(s)) {
    const analyze = /^EXPLAIN\s*(\([^)]*\bANALYZE\b[^)]*\)|ANALYZE\b)/.test(s);
    if (!analyze) return false;
    return isDestructiveSql(s.replace(/^EXPLAIN\s*(\([^)]*\)|ANALYZE\b|VERBOSE\b|\s)*/, ""));
  }
  if (/^WITH\b/.test(s)) return /\b(INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM)\b/.test(s) || DANGEROUS_FUNCTIONS.test(s);
  if (/^SELECT\b/.test(s)) return DANGEROUS_FUNCTIONS.test(s);
  return false;
}

export function isDestructiveSqlText(text: string): boolean {
  return splitSqlStatements(text, 1).some((st) => isDestructiveSql(st.sql));
}

const SQL_START =
  /^\s*(SELECT|INSERT\s+INTO|UPDATE\s+\w|DELETE\s+FROM|DROP\s+(TABLE|INDEX|TYPE|SCHEMA|DATABASE|VIEW|POLICY|FUNCTION|TRIGGER|SEQUENCE|COLUMN|CONSTRAINT|EXTENSION|ROLE|USER|MATERIALIZED)|ALTER\s+(TABLE|TYPE|INDEX|SCHEMA|DATABASE|VIEW|ROLE|USER|SEQUENCE|FUNCTION|POLICY)|CREATE\s+(OR\s+REPLACE\s+|UNIQUE\s+)?(TABLE|INDEX|TYPE|SCHEMA|DATABASE|VIEW|POLICY|FUNCTION|TRIGGER|SEQUENCE|EXTENSION|ROLE|USER|MATERIALIZED)|TRUNCATE|BEGIN\s*;|COMMIT\s*;|ROLLBACK\s*;|START\s+TRANSACTION|WITH\s+\w+\s+AS\s*\(|EXPLAIN\b|SHOW\s+\w|VACUUM\b|ANALYZE\s+\w|GRANT\s|REVOKE\s|SET\s+\w+\s*(=|TO)\s|REINDEX\b|REFRESH\s+MATERIALIZED|COPY\s+\w|MERGE\s+INTO)/i;

// Whether a line reads as the start of an SQL statement (upper- or lower-case keywords).
export function looksLikeSqlLine(line: string): boolean {
  return SQL_START.test(line);
}
