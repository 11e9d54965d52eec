// Shared by scripts/bench-backup.ts and scripts/bench-restore.ts: the seeded schema, the bare
// pg_dump/pg_restore runs the desk is compared with, and a recording ExecContext.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import pg from "pg";
import type { EmbeddedS3 } from "@/lib/embedded/s3";
import type { ExecContext, OutputChunk } from "@/lib/executors/types";
import { findPgTools } from "@/lib/services/pg-tools";
import { pgEnvironment } from "./pg-process";
import type { Storage } from "./storage";

/**
 * Schema `<schema>`: an enum type, a 100-row parent and `rows` child rows with an FK, the enum and
 * some text, so the dump, the statistics (enum distribution) and the FK check all have work.
 */
export async function seedBenchSchema(url: string, schema: string, rows: number): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const s = c.escapeIdentifier(schema);
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE; CREATE SCHEMA ${s};
      CREATE TYPE ${s}.kind AS ENUM ('alpha', 'beta', 'gamma');
      CREATE TABLE ${s}.groups (id int PRIMARY KEY, name text NOT NULL);
      CREATE TABLE ${s}.items (id bigint PRIMARY KEY, group_id int NOT NULL REFERENCES ${s}.groups (id), kind ${s}.kind NOT NULL,
        note text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
      CREATE INDEX ON ${s}.items (group_id);
      INSERT INTO ${s}.groups SELECT g, 'group ' || g FROM generate_series(1, 100) g;`);
    await c.query(
      `INSERT INTO ${s}.items (id, group_id, kind, note, created_at)
       SELECT i, 1 + i % 100, (ARRAY['alpha','beta','gamma']::${s}.kind[])[1 + i % 3], md5(i::text) || ' row ' || i,
              '2025-01-01'::timestamptz + i * interval '1 second'
         FROM generate_series(1, $1::int) i`,
      [rows],
    );
    await c.query(`ANALYZE ${s}.groups; ANALYZE ${s}.items`);
  } finally {
    await c.end();
  }
}

async function tool(name: "pg_dump" | "pg_restore"): Promise<string> {
  const [t] = await findPgTools(name);
  if (!t) throw new Error(`${name} not found`);
  return t.path;
}

function runTo(toolPath: string, args: string[], url: string, stdout: number | "ignore"): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(toolPath, args, { env: pgEnvironment(url, "bench-bare"), stdio: ["ignore", stdout, "pipe"] });
    let err = "";
    child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(toolPath)} exited ${code}: ${err}`))));
  });
}

/** `pg_dump -Fc -n schema > file`, as a shell would run it. */
export async function bareDump(url: string, schema: string, file: string): Promise<void> {
  const fd = fs.openSync(file, "w");
  try {
    await runTo(await tool("pg_dump"), ["-Fc", "-n", schema], url, fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** `pg_restore -d db file`. */
export async function bareRestore(url: string, file: string): Promise<void> {
  await runTo(await tool("pg_restore"), [`--dbname=${new URL(url).pathname.slice(1)}`, file], url, "ignore");
}

export function benchStorage(s3: EmbeddedS3, bucket: string): Storage {
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
  return { client, bucket, prefix: "bench" };
}

export function benchContext(targetUrl: string, workspace: string, variables: Record<string, string> = {}): ExecContext & { chunks: OutputChunk[] } {
  const chunks: OutputChunk[] = [];
  return {
    signal: new AbortController().signal,
    timeoutMs: 30 * 60_000,
    emit: (c) => chunks.push(c),
    chunks,
    targetUrl,
    variables,
    secrets: [],
    workspace,
    mode: "run",
    readOnly: false,
  };
}

/** Samples RSS while `work` runs; growth over the RSS before it, in MB. */
export async function rssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growthMb: Math.round(((peak - before) / 1024 / 1024) * 10) / 10 };
  } finally {
    clearInterval(timer);
  }
}

export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const t0 = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - t0) / 1000 };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? NaN;
};

export const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
