// Test support for the backup tests: scratch databases on the test cluster and an S3 reader.
import { createHash } from "node:crypto";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import pg from "pg";
import { envValue } from "@/lib/env";
import { dropDatabase, ensureDatabase, withDatabase } from "@/lib/services/pg-admin";
import { defaultStorage, parseS3Uri } from "./storage";

export function adminUrl(): string {
  const url = envValue("TEST_ADMIN_DATABASE_URL");
  if (!url) throw new Error("integration services not started (TEST_ADMIN_DATABASE_URL unset)");
  return url;
}

/** A fresh empty database (never the shared sandbox); drop it with the returned function. */
export async function scratchDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const db = `${name}_${Math.random().toString(16).slice(2, 8)}`;
  await ensureDatabase(adminUrl(), db);
  return { url: withDatabase(adminUrl(), db), drop: () => dropDatabase(adminUrl(), db) };
}

export async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

export async function s3Objects(uri: string): Promise<Map<string, { size: number; sha256: string }>> {
  const storage = defaultStorage();
  const loc = parseS3Uri(uri);
  if (!loc) throw new Error(`not an S3 URI: ${uri}`);
  const listed = await storage.client.send(new ListObjectsV2Command({ Bucket: loc.bucket, Prefix: loc.key }));
  const out = new Map<string, { size: number; sha256: string }>();
  for (const o of listed.Contents ?? []) {
    if (!o.Key) continue;
    const got = await storage.client.send(new GetObjectCommand({ Bucket: loc.bucket, Key: o.Key }));
    const bytes = Buffer.from((await got.Body?.transformToByteArray()) ?? []);
    out.set(o.Key.slice(loc.key.length), { size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") });
  }
  return out;
}
