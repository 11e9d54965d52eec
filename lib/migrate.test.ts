import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrate, readMigrations } from "./migrate";
import { dropDatabase, ensureDatabase, withDatabase } from "./services/pg-admin";

const admin = () => {
  const url = process.env.TEST_ADMIN_DATABASE_URL;
  if (!url) throw new Error("integration services not started");
  return url;
};

describe("migrate", () => {
  it("applies every migration once, records them like prisma migrate deploy, and is idempotent", async () => {
    await dropDatabase(admin(), "migrate_test");
    await ensureDatabase(admin(), "migrate_test");
    const url = withDatabase(admin(), "migrate_test");
    const all = await readMigrations();
    const first = await migrate(url);
    expect(first.applied).toEqual(all.map((m) => m.name));
    const second = await migrate(url);
    expect(second).toEqual({ applied: [], alreadyApplied: all.length });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const rows = await client.query(
      `SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    await client.end();
    expect(rows.rows.map((r) => r.migration_name)).toEqual(all.map((m) => m.name));
    expect(rows.rows.map((r) => r.checksum)).toEqual(all.map((m) => m.checksum));
    expect(rows.rows.every((r) => r.applied_steps_count === 1 && r.finished_at !== null)).toBe(true);
  });

  it("serialises concurrent starts under the advisory lock", async () => {
    await dropDatabase(admin(), "migrate_race");
    await ensureDatabase(admin(), "migrate_race");
    const url = withDatabase(admin(), "migrate_race");
    const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    const appliedCounts = results.map((r) => r.applied.length).sort();
    const total = (await readMigrations()).length;
    expect(appliedCounts).toEqual([0, 0, total]);
  });
});
