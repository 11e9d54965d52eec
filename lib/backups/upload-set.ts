import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { ManifestFile } from "./manifest";
import { describeS3Error, putFile, uploadFile, verifyObject, type Storage } from "./storage";

// After the dump: wait for its streamed upload, check it with HeadObject, upload the small files
// and check them too. MANIFEST.json goes up last (uploadManifest), so a set in the bucket without
// a MANIFEST is visibly incomplete.

export interface UploadReport {
  ok: boolean;
  error: string | null;
  checks: string[];
}

export async function uploadSmallFile(storage: Storage, keyPrefix: string, dir: string, f: Pick<ManifestFile, "name" | "size">, metadata: Record<string, string>): Promise<string> {
  const key = keyPrefix + f.name;
  const body = await fs.readFile(path.join(dir, f.name));
  if (body.length !== f.size) throw new Error(`${f.name} changed on disk: ${body.length} bytes, expected ${f.size}`);
  await putFile(storage, key, body, metadata);
  const check = await verifyObject(storage, key, f.size, [createHash("md5").update(body).digest("hex")]);
  if (!check.ok) throw new Error(check.detail);
  return check.detail;
}

export async function uploadSet(options: {
  storage: Storage;
  keyPrefix: string;
  dir: string;
  dump: { name: string; size: number; etags: string[] | null };
  dumpUpload: Promise<string | null>;
  others: ManifestFile[];
  metadata: Record<string, string>;
  onRetry?(why: string): void;
}): Promise<UploadReport> {
  const checks: string[] = [];
  // The small files go up while the dump's last parts are still on their way.
  const small = Promise.allSettled(options.others.map((f) => uploadSmallFile(options.storage, options.keyPrefix, options.dir, f, { ...options.metadata, sha256: f.sha256 })));
  try {
    const streamed = await options.dumpUpload;
    let etags = options.dump.etags;
    if (streamed) {
      // One retry from the complete local file: a blip during a long dump should not cost the S3 copy.
      options.onRetry?.(streamed);
      try {
        etags = await uploadFile(options.storage, options.keyPrefix + options.dump.name, path.join(options.dir, options.dump.name), options.metadata);
        checks.push(`${options.dump.name}: the streamed upload failed (${streamed}); uploaded again from the local file`);
      } catch (e) {
        await small;
        return { ok: false, error: `the streamed upload of ${options.dump.name} failed (${streamed}), and so did the retry from the local file (${describeS3Error(e)})`, checks };
      }
    }
    const dumpCheck = await verifyObject(options.storage, options.keyPrefix + options.dump.name, options.dump.size, etags);
    checks.push(dumpCheck.detail);
    if (!dumpCheck.ok) {
      await small;
      return { ok: false, error: `the uploaded dump does not match the local one: ${dumpCheck.detail}`, checks };
    }
    for (const r of await small) {
      if (r.status === "rejected") throw r.reason;
      checks.push(r.value);
    }
    return { ok: true, error: null, checks };
  } catch (e) {
    await small;
    return { ok: false, error: describeS3Error(e), checks };
  }
}
