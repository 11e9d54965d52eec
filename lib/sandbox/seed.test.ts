import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { dropDatabase, ensureDatabase, withDatabase } from "@/lib/services/pg-admin";
import { resetSandbox, SandboxAlreadySeededError, sandboxIsSeeded, seedSandbox } from "./seed";

// The vitest global setup seeds SANDBOX_DATABASE_URL with seedSandbox; these tests read it (and
// never change it: other test files use it concurrently). Destructive tests use private databases.

function env(name: "SANDBOX_DATABASE_URL" | "TEST_ADMIN_DATABASE_URL"): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (vitest global setup provides it)`);
  return value;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function column<T>(c: pg.Client, sql: string, params: unknown[] = []): Promise<T[]> {
  const r = await c.query<Record<string, T>>(sql, params);
  return r.rows.map((row) => Object.values(row)[0] as T);
}

async function rowCounts(c: pg.Client): Promise<Record<string, number>> {
  const tables = await column<string>(c, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
  const counts: Record<string, number> = {};
  for (const t of tables) {
    counts[t] = (await column<number>(c, `SELECT count(*)::int FROM ${c.escapeIdentifier(t)}`))[0] ?? -1;
  }
  return counts;
}

/** A digest of every row of a few tables: equal digests mean identical data. */
async function digest(c: pg.Client): Promise<string> {
  const [d] = await column<string>(
    c,
    `SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
       SELECT md5(u::text) AS x FROM users u UNION ALL SELECT md5(a::text) FROM user_application_access a
       UNION ALL SELECT md5(m::text) FROM memory_chunks m UNION ALL SELECT md5(p::text) FROM pfa_modification p) s`,
  );
  return d ?? "";
}

describe("sandbox seed", () => {
  it("holds thousands of rows in the tables the runbooks act on", async () => {
    const counts = await withClient(env("SANDBOX_DATABASE_URL"), rowCounts);
    expect(counts).toMatchObject({
      users: 5000,
      user_application_access: 10834,
      user_invitations: 1500,
      journals: 20000,
      tags: 30000,
      audit_logs: 25000,
      user_sessions: 8000,
      conversations: 2000,
      memory_chunks: 10000,
      pfa_records: 20000,
      pfa_modification: 8000,
      pfa_write_queue: 3100,
      pfa_sync_conflict: 400,
      feature_flags: 12,
    });
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(140_000);
  });

  it("has applicationtype already migrated to uppercase (the state seed 000 rolls back from)", async () => {
    await withClient(env("SANDBOX_DATABASE_URL"), async (c) => {
      expect(
        await column<string>(
          c,
          "SELECT enumlabel FROM pg_enum WHERE enumtypid = 'applicationtype'::regtype ORDER BY enumsortorder",
        ),
      ).toEqual(["MARKET_EDGE", "CAUSAL_EDGE", "VALUE_EDGE"]);
      expect(
        await column<string>(c, "SELECT DISTINCT application::text FROM user_application_access ORDER BY 1"),
      ).toEqual(["CAUSAL_EDGE", "MARKET_EDGE", "VALUE_EDGE"]);
      // The user the runbooks' smoke tests log in as, with every application.
      expect(
        await column<string>(
          c,
          `SELECT a.application::text FROM users u JOIN user_application_access a ON a.user_id = u.id
           WHERE u.email = 'matt.lindop@zebra.associates' AND u.role = 'super_admin' ORDER BY 1`,
        ),
      ).toEqual(["CAUSAL_EDGE", "MARKET_EDGE", "VALUE_EDGE"]);
    });
  });

  it("has the foreign keys, unique constraints and indexes seeds 000/001 back up and verify", async () => {
    await withClient(env("SANDBOX_DATABASE_URL"), async (c) => {
      const fks = await c.query<{ conname: string; confrelid: string }>(
        `SELECT conname, confrelid::regclass::text AS confrelid FROM pg_constraint
         WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname`,
        ["user_application_access"],
      );
      expect(fks.rows).toEqual([
        { conname: "fk_user_application_access_granted_by", confrelid: "users" },
        { conname: "fk_user_application_access_user_id", confrelid: "users" },
      ]);
      const invitationFks = await column<string>(
        c,
        "SELECT confrelid::regclass::text FROM pg_constraint WHERE conrelid = 'user_invitations'::regclass AND contype = 'f' ORDER BY 1",
      );
      expect(invitationFks).toEqual(["organisations", "users"]);
      expect(
        await column<string>(c, "SELECT indexname FROM pg_indexes WHERE tablename = 'user_application_access' ORDER BY 1"),
      ).toEqual([
        "ix_user_application_access_application",
        "ix_user_application_access_user_id",
        "uq_user_application",
        "user_application_access_pkey",
      ]);
      expect(
        await column<string>(c, "SELECT enumlabel FROM pg_enum WHERE enumtypid = 'invitationstatus'::regtype ORDER BY 1"),
      ).toEqual(["accepted", "expired", "pending", "revoked"]);
      // Orphans per foreign key: none anywhere (the check seeds 000 and 002 run after a restore).
      const [orphans] = await column<number>(
        c,
        `SELECT (SELECT count(*) FROM user_application_access a LEFT JOIN users u ON u.id = a.user_id WHERE u.id IS NULL)
              + (SELECT count(*) FROM journals j LEFT JOIN users u ON u.id = j.user_id WHERE u.id IS NULL)
              + (SELECT count(*) FROM memory_chunks m LEFT JOIN conversations v ON v.id = m.conversation_id WHERE v.id IS NULL)
              + (SELECT count(*) FROM pfa_write_queue q LEFT JOIN pfa_modification p ON p.id = q.modification_id WHERE p.id IS NULL)`,
      );
      expect(Number(orphans)).toBe(0);
      // All foreign keys validated (added after the data load, they must not be NOT VALID).
      expect(await column<number>(c, "SELECT count(*)::int FROM pg_constraint WHERE contype = 'f' AND NOT convalidated")).toEqual([0]);
      expect((await column<number>(c, "SELECT count(*)::int FROM pg_constraint WHERE contype = 'f'"))[0]).toBeGreaterThanOrEqual(25);
    });
  });

  it("has seed 002's UUID keys on users, journals and tags", async () => {
    await withClient(env("SANDBOX_DATABASE_URL"), async (c) => {
      const ids = await c.query<{ table_name: string; data_type: string }>(
        `SELECT table_name, data_type FROM information_schema.columns
         WHERE table_name IN ('users', 'journals', 'tags') AND column_name = 'id' ORDER BY table_name`,
      );
      expect(ids.rows).toEqual([
        { table_name: "journals", data_type: "uuid" },
        { table_name: "tags", data_type: "uuid" },
        { table_name: "users", data_type: "uuid" },
      ]);
      const [withJournals] = await column<number>(c, "SELECT count(DISTINCT user_id)::int FROM journals");
      expect(withJournals).toBe(4000);
    });
  });

  it("has memory_chunks with RLS, the tenant policy and the indexes seed 003 checks and drops", async () => {
    await withClient(env("SANDBOX_DATABASE_URL"), async (c) => {
      expect(await column<boolean>(c, "SELECT relrowsecurity FROM pg_class WHERE oid = 'memory_chunks'::regclass")).toEqual([
        true,
      ]);
      expect(await column<string>(c, "SELECT policyname FROM pg_policies WHERE tablename = 'memory_chunks'")).toEqual([
        "memory_tenant_isolation",
      ]);
      const indexes = await column<string>(c, "SELECT indexname FROM pg_indexes WHERE tablename = 'memory_chunks'");
      expect(indexes).toEqual(
        expect.arrayContaining([
          "idx_memory_chunks_embedding_hnsw",
          "idx_memory_chunks_embedding_ivfflat",
          "idx_memory_chunks_user_embedding",
        ]),
      );
      expect(await column<number>(c, "SELECT count(*)::int FROM memory_chunks WHERE cardinality(embedding) = 384")).toEqual([
        9000,
      ]);
      expect(await column<string>(c, "SELECT version_num FROM alembic_version ORDER BY 1")).toContain(
        "20251019_memory_schema_rls",
      );
    });
  });

  it("enforces the tenant policy for an application role", async () => {
    await withClient(env("SANDBOX_DATABASE_URL"), async (c) => {
      const role = `sandbox_rls_probe_${process.pid}`;
      await c.query("BEGIN");
      try {
        await c.query(`CREATE ROLE ${role} NOLOGIN`);
        await c.query(`GRANT SELECT ON memory_chunks TO ${role}`);
        const [owner] = await column<string>(
          c,
          "SELECT user_id::text FROM memory_chunks GROUP BY user_id ORDER BY count(*) DESC, user_id LIMIT 1",
        );
        const [own] = await column<number>(c, "SELECT count(*)::int FROM memory_chunks WHERE user_id = $1", [owner]);
        await c.query(`SET LOCAL ROLE ${role}`);
        expect(await column<number>(c, "SELECT count(*)::int FROM memory_chunks")).toEqual([0]);
        await c.query("SELECT set_config('app.current_user_id', $1, true)", [owner]);
        expect(await column<number>(c, "SELECT count(*)::int FROM memory_chunks")).toEqual([own]);
        expect(own).toBeGreaterThan(0);
      } finally {
        await c.query("ROLLBACK");
      }
    });
  });

  it("has seed 004's sync tables, the phase-4 columns, the feature flag and the migration record", async () => {
    await withClient(env("SANDBOX_DATABASE_URL"), async (c) => {
      expect(
        await column<string>(
          c,
          `SELECT column_name FROM information_schema.columns WHERE table_name = 'pfa_modification'
           AND column_name IN ('sync_status', 'synced_at', 'sync_error', 'pems_version') ORDER BY 1`,
        ),
      ).toEqual(["pems_version", "sync_error", "sync_status", "synced_at"]);
      expect(
        await column<boolean>(c, "SELECT enabled FROM feature_flags WHERE flag_name = 'bi_directional_sync'"),
      ).toEqual([true]);
      expect(
        await column<string>(c, "SELECT migration_name FROM _prisma_migrations WHERE rolled_back_at IS NULL ORDER BY 1"),
      ).toContain("20251128000003_phase4_bidirectional_sync_infrastructure");
      expect(await column<number>(c, "SELECT count(DISTINCT organization_id)::int FROM pfa_records")).toEqual([6]);
    });
  });

  it("refuses to seed a database that already has tables, changing nothing", async () => {
    const url = env("SANDBOX_DATABASE_URL");
    expect(await sandboxIsSeeded(url)).toBe(true);
    await expect(seedSandbox(url)).rejects.toBeInstanceOf(SandboxAlreadySeededError);
    expect((await withClient(url, rowCounts)).users).toBe(5000);
  });
});

describe("resetSandbox", () => {
  const dbName = `sandbox_reset_${process.pid}`;
  const admin = (): string => env("TEST_ADMIN_DATABASE_URL");

  afterAll(async () => {
    await dropDatabase(admin(), dbName);
  });

  it("restores the seeded data after a destructive change, identically (deterministic seed)", async () => {
    const url = withDatabase(admin(), dbName);
    await ensureDatabase(admin(), dbName);
    expect(await sandboxIsSeeded(url)).toBe(false);
    await resetSandbox(admin(), dbName);
    const before = await withClient(url, async (c) => ({ counts: await rowCounts(c), digest: await digest(c) }));
    expect(before.digest).toBe(await withClient(env("SANDBOX_DATABASE_URL"), digest));

    // What a rollback rehearsal might leave behind: dropped tables, changed rows, an open session.
    await withClient(url, async (c) => {
      await c.query("DELETE FROM user_application_access WHERE application = 'VALUE_EDGE'");
      await c.query("DROP TABLE users CASCADE");
      await c.query("DROP TABLE memory_chunks");
      await c.query("UPDATE feature_flags SET enabled = false");
    });
    const session = new pg.Client({ connectionString: url });
    await session.connect();
    session.on("error", () => undefined); // terminated by the reset's DROP … WITH (FORCE)
    await session.query("BEGIN");
    await session.query("SELECT count(*) FROM journals");

    await resetSandbox(admin(), dbName);
    await session.end().catch(() => undefined);
    const after = await withClient(url, async (c) => ({ counts: await rowCounts(c), digest: await digest(c) }));
    expect(after).toEqual(before);
  });
});
