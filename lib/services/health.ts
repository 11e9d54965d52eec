import "server-only";
import { HeadBucketCommand } from "@aws-sdk/client-s3";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { s3 } from "@/lib/s3";
import { checkTarget } from "./targets";

export interface Probe {
  ok: boolean;
  latencyMs: number;
  detail: string;
}

export interface Health {
  ok: boolean;
  appDb: Probe;
  s3: Probe;
  sandbox: Probe;
}

async function probe(fn: () => Promise<string>): Promise<Probe> {
  const started = performance.now();
  try {
    const detail = await fn();
    return { ok: true, latencyMs: Math.round(performance.now() - started), detail };
  } catch (e) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), detail: e instanceof Error ? e.message : "failed" };
  }
}

export async function health(): Promise<Health> {
  const [appDb, storage, sandbox] = await Promise.all([
    probe(async () => {
      await db.$queryRaw`SELECT 1`;
      return "connected";
    }),
    probe(async () => {
      await s3().send(new HeadBucketCommand({ Bucket: env().S3_BUCKET }));
      return `bucket ${env().S3_BUCKET} reachable`;
    }),
    probe(async () => {
      const s = await checkTarget("sandbox");
      if (!s.reachable) throw new Error(s.error ?? "unreachable");
      return `PostgreSQL ${s.serverVersion}`;
    }),
  ]);
  return { ok: appDb.ok && storage.ok && sandbox.ok, appDb, s3: storage, sandbox };
}
