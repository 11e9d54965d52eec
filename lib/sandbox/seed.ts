import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { dropDatabase, ensureDatabase, withDatabase } from "@/lib/services/pg-admin";

// The sandbox target: schemas and data the seed runbooks act on (see sandbox/schema.sql for
// which state each runbook finds). Seeding is one transaction: a failure leaves the database empty.

/** In the order pg_dump would restore them: pre-data, data, post-data. */
export const SANDBOX_SQL_FILES = ["sandbox/schema.sql", "sandbox/data.sql", "sandbox/constraints.sql"] as const;

export class SandboxAlreadySeededError extends Error {
  constructor(url: string) {
    super(
      `The sandbox database "${databaseName(url)}" already has tables; seeding runs on an empty database only. ` +
        "Reset it instead (npm run sandbox:reset).",
    );
    this.name = "SandboxAlreadySeededError";
  }
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
}

async function readSql(file: string): Promise<string> {
  // Relative to the repo root: the launcher, CLI and tests all run from there.
  return fs.readFile(path.resolve(process.cwd(), file), "utf8");
}

async function hasTables(client: pg.Client): Promise<boolean> {
  const r = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
  return (r.rows[0]?.n ?? 0) > 0;
}

/**
 * Whether the database at `url` has been seeded. Seeding is all-or-nothing, so a database with
 * no tables (say, created by a start-up that crashed while seeding) can simply be seeded.
 */
export async function sandboxIsSeeded(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await hasTables(client);
  } finally {
    await client.end();
  }
}

/** Creates and fills the sandbox schemas in the (empty) database at `url`. */
export async function seedSandbox(url: string): Promise<void> {
  const scripts = await Promise.all(SANDBOX_SQL_FILES.map(readSql));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (await hasTables(client)) throw new SandboxAlreadySeededError(url);
    await client.query("BEGIN");
    try {
      for (const sql of scripts) await client.query(sql);
      await client.query("COMMIT");
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw e;
    }
    // Fresh statistics so that EXPLAIN in the runbooks shows the plans production would
    // (only the sandbox's tables: a bare ANALYZE also walks the system catalogs).
    const tables = await client.query<{ name: string }>(
      "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'",
    );
    await client.query(`ANALYZE ${tables.rows.map((t) => t.name).join(", ")}`);
  } finally {
    await client.end();
  }
}

/** Drops the sandbox database (disconnecting its sessions), recreates it and seeds it again. */
export async function resetSandbox(adminUrl: string, dbName: string): Promise<void> {
  await dropDatabase(adminUrl, dbName);
  await ensureDatabase(adminUrl, dbName);
  await seedSandbox(withDatabase(adminUrl, dbName));
}
