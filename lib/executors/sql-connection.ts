// The target connection for SQL steps: connecting with errors that name host:port (never the
// password), streaming one statement's rows without holding more than MAX_TABLE_ROWS, and
// cancelling a running statement from a second connection.
import pg from "pg";
import { MAX_TABLE_ROWS } from "./types";

export interface StatementOutcome {
  command: string;
  rowCount: number | null;
  columns: string[];
  rows: string[][];
  truncated: boolean;
}

// Every value arrives as the server's text, exactly as psql would print it (no Date/JSON parsing).
const identity = (value: string) => value;
const RAW_TYPES: pg.CustomTypesConfig = {
  getTypeParser: (() => identity) as unknown as pg.CustomTypesConfig["getTypeParser"],
};

export function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.searchParams.get("host") ?? (parsed.hostname.replace(/^\[|\]$/g, "") || "localhost");
    const port = parsed.searchParams.get("port") ?? (parsed.port || "5432");
    const db = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "(default database)";
    return `${host}:${port}/${db}`;
  } catch {
    return "the target (unparseable connection URL)";
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") return code;
  const nested = (error as { errors?: unknown }).errors;
  return Array.isArray(nested) ? errorCode(nested[0]) : undefined;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (error instanceof AggregateError) return error.errors.map(errorMessage).join("; ");
  return String(error);
}

/** A clear message for a failed connection attempt, naming where we tried to connect. */
export function connectionErrorMessage(error: unknown, url: string): string {
  const where = describeTarget(url);
  const user = (() => {
    try {
      return decodeURIComponent(new URL(url).username) || "(default user)";
    } catch {
      return "(unknown user)";
    }
  })();
  switch (errorCode(error)) {
    case "ECONNREFUSED":
      return `cannot connect to ${where}: connection refused (is the server running and accepting TCP connections?)`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot connect to ${where}: unknown host`;
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `cannot connect to ${where}: host unreachable or not answering`;
    case "28P01":
      return `cannot connect to ${where}: password authentication failed for user "${user}"`;
    case "28000":
      return `cannot connect to ${where}: the server refused user "${user}" (${errorMessage(error)})`;
    case "3D000":
      return `cannot connect to ${where}: ${errorMessage(error)}`;
    default: {
      const message = errorMessage(error);
      if (/timeout/i.test(message)) return `cannot connect to ${where}: timed out`;
      return `cannot connect to ${where}: ${message}`;
    }
  }
}

export async function connect(url: string, timeoutMs: number): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: Math.max(1000, Math.min(timeoutMs, 15_000)),
    application_name: "runbook-desk",
    keepAlive: true,
    // Server-side bound for each statement; the executor also keeps an overall deadline.
    statement_timeout: Math.max(1, Math.floor(timeoutMs)),
  });
  // A connection dropped while idle must not crash the process; the next query reports it.
  client.on("error", () => undefined);
  await client.connect();
  return client;
}

/** Runs one statement, keeping the first MAX_TABLE_ROWS rows and counting the rest. */
export function runStatement(client: pg.Client, text: string, values?: string[]): Promise<StatementOutcome> {
  return new Promise((resolve, reject) => {
    const config: pg.QueryArrayConfig<string[]> = { text, values, rowMode: "array", types: RAW_TYPES };
    const query = new pg.Query(config);
    const rows: string[][] = [];
    let received = 0;
    query.on("row", (row: unknown[]) => {
      received++;
      if (rows.length < MAX_TABLE_ROWS) rows.push(row.map((v) => (v === null || v === undefined ? "" : String(v))));
    });
    query.on("error", reject);
    query.on("end", (result: unknown) => {
      const last = (Array.isArray(result) ? result[result.length - 1] : result) as
        | { command?: string | null; rowCount?: number | null; fields?: { name: string }[] }
        | undefined;
      const columns = (last?.fields ?? []).map((f) => f.name);
      resolve({
        command: last?.command ?? "",
        rowCount: columns.length > 0 ? received : (last?.rowCount ?? null),
        columns,
        rows,
        truncated: received > rows.length,
      });
    });
    client.query(query);
  });
}

/** Asks the server to cancel whatever `pid` is running, over a separate short-lived connection. */
export async function cancelBackend(url: string, pid: number): Promise<void> {
  const canceller = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, application_name: "runbook-desk-cancel" });
  canceller.on("error", () => undefined);
  try {
    await canceller.connect();
    await canceller.query("SELECT pg_catalog.pg_cancel_backend($1)", [pid]);
  } finally {
    await canceller.end().catch(() => undefined);
  }
}
