// What a statement does to the transaction, so the executor can keep a block's own
// BEGIN … COMMIT, or nest it inside the read-only / rehearsal transaction without letting it escape.
import { firstCodeOffset } from "./sql-split";

export type TxControl = "begin" | "commit" | "rollback" | "prepared" | null;

/** The statement without its leading comments. */
export function codeOf(statement: string): string {
  const at = firstCodeOffset(statement);
  return at === -1 ? "" : statement.slice(at);
}

export function txControl(statement: string): TxControl {
  const code = codeOf(statement);
  if (/^(PREPARE\s+TRANSACTION|COMMIT\s+PREPARED|ROLLBACK\s+PREPARED)\b/i.test(code)) return "prepared";
  if (/^(BEGIN|START\s+TRANSACTION)\b/i.test(code)) return "begin";
  if (/^(COMMIT|END)\b/i.test(code)) return "commit";
  // ROLLBACK TO [SAVEPOINT] x only rewinds to a savepoint: it stays in the transaction.
  if (/^(ROLLBACK|ABORT)\b/i.test(code) && !/^ROLLBACK\s+(WORK\s+|TRANSACTION\s+)?TO\b/i.test(code)) return "rollback";
  return null;
}

// Statements PostgreSQL refuses inside a transaction block: a rehearsal cannot run them.
const NON_TRANSACTIONAL = [
  /^VACUUM\b/i,
  /^CREATE\s+(UNIQUE\s+)?INDEX\s+CONCURRENTLY\b/i,
  /^DROP\s+INDEX\s+CONCURRENTLY\b/i,
  /^REINDEX\b[\s\S]*\bCONCURRENTLY\b/i,
  /^(CREATE|DROP)\s+(DATABASE|TABLESPACE)\b/i,
  /^ALTER\s+SYSTEM\b/i,
  /^ALTER\s+DATABASE\b[\s\S]*\bSET\s+TABLESPACE\b/i,
  /^CLUSTER\s*$/i,
  /^ALTER\s+TABLE\b[\s\S]*\bDETACH\s+PARTITION\b[\s\S]*\bCONCURRENTLY\b/i,
];

export function isNonTransactional(statement: string): boolean {
  const code = codeOf(statement);
  return NON_TRANSACTIONAL.some((re) => re.test(code));
}

/** COPY … FROM STDIN / TO STDOUT needs psql's data channel, which a step does not have. */
export function isCopyStdio(statement: string): boolean {
  return /^COPY\b[\s\S]*\b(FROM\s+STDIN|TO\s+STDOUT)\b/i.test(codeOf(statement));
}

export function firstLine(statement: string, max = 120): string {
  const line = codeOf(statement).split("\n")[0]?.trim() ?? "";
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
