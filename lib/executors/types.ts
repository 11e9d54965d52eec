// Shared shapes of the step executors. The run engine calls runSql/runShell/runHttp with an
// ExecContext, stores every emitted chunk as a RunEvent and turns expectations into verdicts with
// evaluate(). Fields are only ever added, never renamed (the event log keeps old runs readable).
import type { Expectation } from "@/lib/importer/types";

export type OutputChunk =
  // text: one or more whole lines, each ending in "\n"; concatenating chunks gives the output.
  | { stream: "stdout" | "stderr" | "info"; text: string }
  | {
      stream: "table";
      columns: string[];
      rows: string[][];
      rowCount: number;
      truncated: boolean;
      command: string;
    };

export interface ExecContext {
  signal: AbortSignal;
  timeoutMs: number;
  // Called as output arrives; chunks are already secret-masked.
  emit(chunk: OutputChunk): void;
  // Connection URL of the target (contains its password: never shown unmasked).
  targetUrl: string | null;
  variables: Record<string, string>;
  secrets: string[];
  // Per-run working directory; it exists.
  workspace: string;
  mode: "run" | "rehearsal";
  // Verification query: runs under SET TRANSACTION READ ONLY.
  readOnly: boolean;
}

export interface SqlResult {
  // The statement as sent (masked), or the psql meta-command.
  statement: string;
  // 1-based line of the SQL text where the statement starts (maps expectations to statements).
  line: number;
  // Command tag: SELECT, UPDATE, CREATE TABLE…; for meta-commands the command itself (\dt).
  command: string;
  // Rows returned (SELECT) or affected (INSERT/UPDATE/DELETE…); null when the server gives none.
  rowCount: number | null;
  columns: string[];
  // First MAX_ROWS rows, every value as psql prints it (NULL as "").
  rows: string[][];
  truncated: boolean;
  durationMs: number;
}

export type ExecStatus = "succeeded" | "failed" | "timed_out" | "cancelled";

export interface ExecResult {
  status: ExecStatus;
  // shell: the process exit code; http and sql: 0 ok / 1 error; null when it never finished.
  exitCode: number | null;
  error: string | null;
  results: SqlResult[];
  httpStatus: number | null;
  // Last ~64 KB of stdout (sql: the result sets as text), masked; `contains` checks read it.
  stdoutTail: string;
  produced: Record<string, string>;
}

export type Verdict = {
  expectation: Expectation;
  outcome: "pass" | "fail" | "not_checkable";
  actual: string;
  reason: string;
};

export const MAX_TABLE_ROWS = 500;
export const STDOUT_TAIL_BYTES = 64 * 1024;
export const HTTP_BODY_EXCERPT_BYTES = 4 * 1024;
