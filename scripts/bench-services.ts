import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/embedded/postgres";
import { seedSandbox } from "@/lib/sandbox/seed";
import { migrateAll } from "@/lib/services/boot";
import { ensureDatabase } from "@/lib/services/pg-admin";

// Benchmarks run on their own throwaway embedded cluster (never a running desk's data).
export async function benchServices(): Promise<{ databaseUrl: string; sandboxUrl: string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "desk-bench-"));
  chmodSync(dataDir, 0o755);
  const cluster = await startEmbeddedPostgres({ dataDir, preferredPort: 0 });
  await ensureDatabase(cluster.url("postgres"), "desk_bench");
  await ensureDatabase(cluster.url("postgres"), "sandbox_bench");
  await migrateAll(cluster.url("desk_bench"));
  await seedSandbox(cluster.url("sandbox_bench"));
  Object.assign(process.env, {
    DATABASE_URL: cluster.url("desk_bench"),
    SANDBOX_DATABASE_URL: cluster.url("sandbox_bench"),
    DESK_DATA_DIR: dataDir,
    NODE_ENV: "production",
  });
  return {
    databaseUrl: cluster.url("desk_bench"),
    sandboxUrl: cluster.url("sandbox_bench"),
    async stop() {
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, i)] ?? NaN) * 10) / 10;
}
