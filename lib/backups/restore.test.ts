import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxUrl, testContext } from "@/lib/executors/test-context";
import { runBackup } from "./backup";
import { runRestore } from "./restore";
import { query, scratchDatabase } from "./test-support";

const TABLES = ["organisations", "users", "user_application_access", "user_invitations"];
const BACKUP = `pg_dump -Fc ${TABLES.map((t) => `-t ${t}`).join(" ")} -f enum_migration.dump`;

let backup: { dir: string; s3: string };
const dropping: (() => Promise<void>)[] = [];

async function counts(url: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await query<{ n: string }>(url, `SELECT count(*)::text AS n FROM ${t}`))[0]?.n);
  return out;
}

function copySet(dir: string): string {
  const copy = fs.mkdtempSync(path.join(path.dirname(dir), "copy-"));
  for (const f of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, f), path.join(copy, f));
  return copy;
}

beforeAll(async () => {
  const ctx = testContext({ targetUrl: sandboxUrl() });
  ctx.variables = { RUN_ID: "run-restore" };
  const res = await runBackup(BACKUP, ctx);
  expect(res.error).toBeNull();
  backup = { dir: res.produced.BACKUP_DIR ?? "", s3: res.produced.BACKUP_S3_URI ?? "" };
});

afterAll(async () => {
  for (const d of dropping) await d();
});

async function scratch(): Promise<string> {
  const db = await scratchDatabase("restore_t");
  dropping.push(db.drop);
  return db.url;
}

describe("runRestore (real PostgreSQL + S3)", () => {
  it("restores the set into an empty database (enum types included) and proves it: rows, enum values, FKs, indexes", async () => {
    const url = await scratch();
    const ctx = testContext({ targetUrl: url });
    ctx.variables = { BACKUP_DIR: backup.dir };
    // As seed 002 writes it: connection flags (their variables unset here) give way to the run's target.
    const res = await runRestore("pg_restore -h $DB_HOST -U $DB_USER -d $DB_NAME enum_migration.dump", ctx);
    expect(res.error).toBeNull();
    expect(res.status).toBe("succeeded");
    expect(await counts(url)).toEqual(await counts(sandboxUrl()));
    const table = ctx.tables().find((t) => t.command === "restore verification");
    expect(table?.columns).toEqual(["check", "object", "expected", "actual", "verdict"]);
    const kinds = new Set(table?.rows.map((r) => r[0]));
    for (const k of ["rows", "enum values", "foreign key", "enum labels", "index", "constraint"]) expect(kinds).toContain(k);
    expect(table?.rows.every((r) => r[4] === "pass")).toBe(true);
    expect(table?.rows.find((r) => r[0] === "foreign key" && r[1]?.includes("fk_user_application_access_user_id"))?.[3]).toBe("0 orphans");
    const report = JSON.parse(fs.readFileSync(path.join(backup.dir, "restore_verification.json"), "utf8")) as { verdict: string; before: { rows: number | null }[] };
    expect(report.verdict).toBe("pass");
    expect(report.before.every((b) => b.rows === null)).toBe(true);
    expect(ctx.text("info")).toContain("created enum types the tables need: public.applicationtype, public.invitationstatus");
  });

  it("rolls a damaged database back with -c --if-exists, from the S3 copy, and the counts match again", async () => {
    const url = await scratch();
    const first = testContext({ targetUrl: url });
    first.variables = { BACKUP_DIR: backup.dir };
    expect((await runRestore("pg_restore $BACKUP_DIR", first)).status).toBe("succeeded");
    await query(url, "DELETE FROM user_application_access WHERE id IN (SELECT id FROM user_application_access LIMIT 10)");
    const ctx = testContext({ targetUrl: url });
    ctx.variables = { BACKUP_S3_URI: backup.s3 };
    const res = await runRestore("pg_restore -c --if-exists -d marketedge", ctx);
    expect(res.error).toBeNull();
    expect(res.status).toBe("succeeded");
    expect(await counts(url)).toEqual(await counts(sandboxUrl()));
    expect(ctx.text("info")).toMatch(/before the restore: .*public\.user_application_access \d+ rows/);
    expect(res.stdoutTail).toContain("sha256 verified");
  });

  it("fails the step when the verification does not hold (a row count differs from the manifest)", async () => {
    const url = await scratch();
    const copy = copySet(backup.dir);
    const statsFile = path.join(copy, "statistics.json");
    const stats = fs.readFileSync(statsFile, "utf8");
    // Re-record the statistics (and their checksum) as if the backup had counted one more user.
    const n = Number((await query<{ n: string }>(sandboxUrl(), "SELECT count(*)::text AS n FROM users"))[0]?.n);
    const edited = stats.replace(new RegExp(`("name": "users",[\\s\\S]*?"rows": )${n}`), `$1${n + 1}`);
    expect(edited).not.toBe(stats);
    fs.writeFileSync(statsFile, edited);
    const manifestFile = path.join(copy, "MANIFEST.json");
    const { sha256Text } = await import("./manifest");
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as { files: { name: string; size: number; sha256: string }[] };
    for (const f of manifest.files) if (f.name === "statistics.json") Object.assign(f, { size: Buffer.byteLength(edited), sha256: sha256Text(edited) });
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    const ctx = testContext({ targetUrl: url });
    const res = await runRestore(`pg_restore ${copy}`, ctx);
    expect(res.status).toBe("failed");
    expect(res.error).toContain(`rows public.users: expected ${n + 1}, got ${n}`);
  });

  for (const damage of ["corrupted", "truncated"] as const) {
    it(`refuses a ${damage} dump before touching the target`, async () => {
      const url = await scratch();
      await query(url, "CREATE TABLE marker (v int); INSERT INTO marker VALUES (1)");
      const copy = copySet(backup.dir);
      const dump = path.join(copy, "enum_migration.dump");
      const bytes = fs.readFileSync(dump);
      if (damage === "corrupted") {
        const i = Math.floor(bytes.length / 2);
        bytes[i] = (bytes[i] ?? 0) ^ 0xff;
        fs.writeFileSync(dump, bytes);
      } else fs.writeFileSync(dump, bytes.subarray(0, bytes.length - 100));
      const ctx = testContext({ targetUrl: url });
      const res = await runRestore(`pg_restore -c --if-exists ${dump}`, ctx);
      expect(res.status).toBe("failed");
      expect(res.error).toContain("restore refused, the target was not touched");
      expect(res.error).toContain(`enum_migration.dump is ${damage}`);
      const tables = await query<{ t: string }>(url, "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'");
      expect(tables.map((t) => t.t)).toEqual(["marker"]);
      expect(await query<{ n: string }>(url, "SELECT count(*)::text AS n FROM pg_type WHERE typname = 'applicationtype'")).toEqual([{ n: "0" }]);
    });
  }

  it("refuses a directory that is not a complete set (no MANIFEST) and a rehearsal", async () => {
    const copy = copySet(backup.dir);
    fs.rmSync(path.join(copy, "MANIFEST.json"));
    const res = await runRestore(`pg_restore ${copy}`, testContext({ targetUrl: sandboxUrl() }));
    expect(res.error).toMatch(/refused.*no MANIFEST\.json/);
    const rehearsal = await runRestore(`pg_restore ${backup.dir}`, testContext({ targetUrl: sandboxUrl(), mode: "rehearsal" }));
    expect(rehearsal.status).toBe("failed");
    expect(rehearsal.error).toContain("rehearsal");
  });
});
