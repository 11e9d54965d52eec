import fs from "node:fs/promises";
import path from "node:path";
import { Logger, runMigrations } from "graphile-worker";
import pg from "pg";
import { embeddedUrl, startEmbeddedPostgres } from "@/lib/embedded/postgres";
import { startEmbeddedS3 } from "@/lib/embedded/s3";
import { dataDir, type Env } from "@/lib/env";
import { migrate } from "@/lib/migrate";
import { processAlive } from "@/lib/process-alive";
import { sandboxIsSeeded, seedSandbox } from "@/lib/sandbox/seed";
import { ensureDatabase } from "./pg-admin";
import { describeConnectionError } from "./pg-errors";

// Brings up what the desk needs: the app database (embedded unless DATABASE_URL is set), the S3
// server (embedded unless S3_ENDPOINT is set), the sandbox target, and pending migrations.
// Used by the launcher, the standalone runner and the CLI; returns the env to hand to children.

export interface Runtime {
  env: Record<string, string>;
  embedded: { postgres: boolean; s3: boolean };
  stop(): Promise<void>;
}

export const APP_DB = "runbook_desk";
export const SANDBOX_DB = "sandbox";

export class BootError extends Error {}

const quietLogger = new Logger(() => () => undefined);

/** The app's SQL migrations, then the job queue's own schema (graphile_worker). */
export async function migrateAll(url: string, log: (line: string) => void = () => undefined): Promise<void> {
  const result = await migrate(url);
  if (result.applied.length) log(`Applied migrations: ${result.applied.join(", ")}`);
  await runMigrations({ connectionString: url, logger: quietLogger });
}

async function assertReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 8000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (e) {
    throw new BootError(`${describeConnectionError(url, e)}\n(DATABASE_URL is set in your environment.)`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function runtimeFile(e: Env): string {
  return path.join(dataDir(e), "runtime.json");
}

export async function bootServices(e: Env, log: (line: string) => void): Promise<Runtime> {
  const stops: Array<() => Promise<void>> = [];
  const out: Record<string, string> = {};
  let pgPort: number | null = null;
  const embeddedPg = !e.DATABASE_URL;
  try {
    if (embeddedPg) {
      const cluster = await startEmbeddedPostgres({ dataDir: dataDir(e), preferredPort: e.DESK_PG_PORT, log });
      stops.push(() => cluster.stop());
      await ensureDatabase(cluster.url("postgres"), APP_DB);
      out.DATABASE_URL = cluster.url(APP_DB);
      await ensureDatabase(cluster.url("postgres"), SANDBOX_DB);
      out.SANDBOX_DATABASE_URL = e.SANDBOX_DATABASE_URL ?? cluster.url(SANDBOX_DB);
      // Seeded when new, and also when a start crashed mid-seed (the seed is one transaction).
      if (!e.SANDBOX_DATABASE_URL && !(await sandboxIsSeeded(out.SANDBOX_DATABASE_URL))) {
        log("Seeding the sandbox target database…");
        await seedSandbox(out.SANDBOX_DATABASE_URL);
      }
      pgPort = cluster.port;
    } else {
      const url = e.DATABASE_URL as string;
      await assertReachable(url);
      out.DATABASE_URL = url;
      if (e.SANDBOX_DATABASE_URL) out.SANDBOX_DATABASE_URL = e.SANDBOX_DATABASE_URL;
    }
    if (!e.S3_ENDPOINT) {
      const s3 = await startEmbeddedS3({ dataDir: dataDir(e), preferredPort: e.DESK_S3_PORT, bucket: e.S3_BUCKET });
      stops.push(() => s3.stop());
      Object.assign(out, {
        S3_ENDPOINT: s3.endpoint,
        S3_ACCESS_KEY_ID: s3.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      });
    }
    await migrateAll(out.DATABASE_URL, log);
    // Lets the CLI and a standalone runner attach to this desk's embedded services.
    await fs.writeFile(runtimeFile(e), JSON.stringify({ pid: process.pid, pgPort, s3Endpoint: out.S3_ENDPOINT ?? null }) + "\n");
    stops.push(() => fs.rm(runtimeFile(e), { force: true }));
  } catch (err) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw err;
  }
  return {
    env: out,
    embedded: { postgres: embeddedPg, s3: !e.S3_ENDPOINT },
    async stop() {
      for (const stop of stops.reverse()) await stop().catch((err) => log(`shutdown: ${String(err)}`));
    },
  };
}

/** For the CLI: the embedded cluster of a desk that is already running, if any. */
export async function runningDesk(e: Env): Promise<{ databaseUrl: string; sandboxUrl: string; s3Endpoint: string | null } | null> {
  const raw = await fs.readFile(runtimeFile(e), "utf8").catch(() => null);
  if (!raw) return null;
  const info = JSON.parse(raw) as { pid: number; pgPort: number | null; s3Endpoint: string | null };
  if (info.pgPort === null) return null;
  if (!processAlive(info.pid)) return null;
  const password = (await fs.readFile(path.join(dataDir(e), "pg-password"), "utf8")).trim();
  return {
    databaseUrl: embeddedUrl(info.pgPort, password, APP_DB),
    sandboxUrl: e.SANDBOX_DATABASE_URL ?? embeddedUrl(info.pgPort, password, SANDBOX_DB),
    s3Endpoint: info.s3Endpoint,
  };
}
