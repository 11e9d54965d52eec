import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedCluster } from "../lib/embedded/postgres";
import { startEmbeddedS3, type EmbeddedS3 } from "../lib/embedded/s3";
import { migrateAll } from "../lib/services/boot";
import { dropDatabase, ensureDatabase } from "../lib/services/pg-admin";

// Integration tests run against a real embedded PostgreSQL and S3 server of their own, in a
// fresh temporary directory per test run (so parallel runs and a running desk never collide). DESK_TEST_NO_SERVICES=1 skips this for pure unit runs.
let cluster: EmbeddedCluster | undefined;
let s3: EmbeddedS3 | undefined;

export default async function setup(_project: TestProject): Promise<() => Promise<void>> {
  if (process.env.DESK_TEST_NO_SERVICES === "1") return async () => undefined;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "desk-test-"));
  // As root, the server runs as `postgres`, which must be able to reach its data directory.
  chmodSync(dataDir, 0o755);
  cluster = await startEmbeddedPostgres({ dataDir, preferredPort: 0 });
  const admin = cluster.url("postgres");
  for (const name of ["desk_template", "sandbox_test"]) {
    await dropDatabase(admin, name);
    await ensureDatabase(admin, name);
  }
  await migrateAll(cluster.url("desk_template"));
  const { seedSandbox } = await import("../lib/sandbox/seed");
  await seedSandbox(cluster.url("sandbox_test"));
  s3 = await startEmbeddedS3({ dataDir, preferredPort: 0, bucket: "backups-test" });
  Object.assign(process.env, {
    // Each test file clones this into a database of its own (test/per-file-db.ts).
    DESK_TEST_TEMPLATE_DB: "desk_template",
    DATABASE_URL: cluster.url("desk_template"),
    SANDBOX_DATABASE_URL: cluster.url("sandbox_test"),
    TEST_ADMIN_DATABASE_URL: admin,
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: "backups-test",
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    DESK_DATA_DIR: dataDir,
  });
  return async () => {
    await s3?.stop();
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
