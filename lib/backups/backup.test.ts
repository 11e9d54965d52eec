import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sandboxUrl, testContext } from "@/lib/executors/test-context";
import { runBackup } from "./backup";
import { readManifest, sha256File } from "./manifest";
import type { Statistics } from "./statistics";
import { s3Objects } from "./test-support";

const SEED_001 = "pg_dump -Fc -t organisations -t users -t user_application_access -t user_invitations -f enum_migration.dump";

describe("runBackup (real PostgreSQL + S3)", () => {
  it("backs up listed tables with their enum types: complete set, sha256, statistics, S3 copies equal", async () => {
    const ctx = testContext({ targetUrl: sandboxUrl() });
    ctx.variables = { RUN_ID: "run-backup-1", BACKUP_DIR: path.join(ctx.workspace, "backups") };
    const res = await runBackup(SEED_001, ctx);
    expect(res.error).toBeNull();
    expect(res.status).toBe("succeeded");
    const dir = res.produced.BACKUP_DIR ?? "";
    expect(path.basename(dir)).toMatch(/^enum_migration_\d{8}_\d{6}$/);
    expect(fs.readdirSync(dir).sort()).toEqual(["MANIFEST.json", "enum_migration.dump", "enum_types.sql", "statistics.json", "validation.log"]);

    const manifest = await readManifest(dir);
    expect(manifest.uploaded).toBe(true);
    expect(manifest.runId).toBe("run-backup-1");
    expect(manifest.target.serverMajor).toBe(15);
    expect(manifest.tools.pgDump.version).toMatch(/^15/);
    const dump = manifest.files.find((f) => f.role === "dump");
    const local = await sha256File(path.join(dir, "enum_migration.dump"));
    expect(dump).toMatchObject({ name: "enum_migration.dump", size: local.size, sha256: local.sha256 });
    expect(res.produced.BACKUP_SHA256).toBe(local.sha256);
    expect(res.produced.BACKUP_SIZE).toBe(String(local.size));

    const stats = JSON.parse(fs.readFileSync(path.join(dir, "statistics.json"), "utf8")) as Statistics;
    const counts = Object.fromEntries(stats.tables.map((t) => [t.name, t.rows]));
    expect(Object.keys(counts).sort()).toEqual(["organisations", "user_application_access", "user_invitations", "users"]);
    expect(counts.users).toBeGreaterThan(0);
    const uaa = stats.tables.find((t) => t.name === "user_application_access");
    const dist = uaa?.enumColumns.find((c) => c.column === "application");
    expect(dist?.type).toBe("public.applicationtype");
    expect(dist?.values.reduce((n, v) => n + v.count, 0)).toBe(counts.user_application_access);
    expect(uaa?.indexes.map((i) => i.name)).toContain("uq_user_application");
    expect(uaa?.constraints.map((c) => c.name)).toContain("fk_user_application_access_user_id");
    expect(stats.enumTypes.map((t) => t.name).sort()).toEqual(["applicationtype", "invitationstatus"]);
    expect(fs.readFileSync(path.join(dir, "enum_types.sql"), "utf8")).toContain(`CREATE TYPE "public"."applicationtype" AS ENUM ('MARKET_EDGE', 'CAUSAL_EDGE', 'VALUE_EDGE')`);
    const log = fs.readFileSync(path.join(dir, "validation.log"), "utf8");
    expect(log).toContain("TABLE DATA public.user_application_access: present");
    expect(log).toContain("result: valid");

    const uri = res.produced.BACKUP_S3_URI ?? "";
    expect(uri).toMatch(/^s3:\/\/backups-test\/runbook-desk\/\d{4}-\d{2}-\d{2}\/enum_migration_\d{8}_\d{6}\/$/);
    const objects = await s3Objects(uri);
    expect([...objects.keys()].sort()).toEqual(["MANIFEST.json", "enum_migration.dump", "enum_types.sql", "statistics.json", "validation.log"]);
    for (const f of manifest.files) expect(objects.get(f.name)).toEqual({ size: f.size, sha256: f.sha256 });
    expect(objects.get("MANIFEST.json")?.sha256).toBe((await sha256File(path.join(dir, "MANIFEST.json"))).sha256);
    expect(ctx.text("info")).toMatch(/progress: dumped [\d.]+ MB \(pg_dump finished\)/);
  });
});
