import fs from "node:fs/promises";
import path from "node:path";
import { DeleteObjectsCommand, ListObjectsV2Command, type _Object } from "@aws-sdk/client-s3";
import { MANIFEST, parseManifest } from "./manifest";
import { getText, type Storage } from "./storage";

// Retention (seed 001: local sets 7 days, S3 30 days): sets older than the limit are deleted,
// except those an unfinished run refers to (its own sets, or a BACKUP_DIR/BACKUP_S3_URI it
// produced), which a rollback in progress may still need. Pure fs/S3 here; retention-job wires
// it to the environment and the database.

export interface Protected {
  runIds: Set<string>;
  paths: Set<string>;
  s3Prefixes: Set<string>; // "<bucket>/<key prefix>/"
}

export interface RetentionOptions {
  now: Date;
  localDays: number;
  s3Days: number;
  // Directories holding run workspaces (<root>/<runId>/backups/<set>/).
  runsRoot: string;
  storage: Storage | null;
  protect: Protected;
  dryRun?: boolean;
}

export interface RetentionReport {
  deletedLocal: string[];
  keptLocal: { path: string; reason: string }[];
  deletedS3: string[];
  keptS3: { prefix: string; reason: string }[];
  errors: string[];
}

const DAY_MS = 86_400_000;

async function dirs(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => path.join(dir, d.name));
  } catch {
    return [];
  }
}

async function localSetInfo(dir: string): Promise<{ at: Date; runId: string | null }> {
  try {
    const m = parseManifest(await fs.readFile(path.join(dir, MANIFEST), "utf8"), dir);
    return { at: new Date(m.finishedAt), runId: m.runId };
  } catch {
    // No (valid) MANIFEST: an interrupted set; its age is the directory's.
    return { at: (await fs.stat(dir)).mtime, runId: null };
  }
}

async function localRetention(o: RetentionOptions, report: RetentionReport): Promise<void> {
  const cutoff = o.now.getTime() - o.localDays * DAY_MS;
  for (const runDir of await dirs(o.runsRoot)) {
    const runId = path.basename(runDir);
    for (const kind of ["backups", "restores"]) {
      for (const set of await dirs(path.join(runDir, kind))) {
        const { at, runId: manifestRun } = await localSetInfo(set);
        if (at.getTime() >= cutoff) continue;
        const reason = o.protect.runIds.has(runId) || (manifestRun && o.protect.runIds.has(manifestRun)) ? "its run is unfinished" : o.protect.paths.has(set) ? "an unfinished run refers to it" : null;
        if (reason) {
          report.keptLocal.push({ path: set, reason });
          continue;
        }
        if (!o.dryRun) await fs.rm(set, { recursive: true, force: true });
        report.deletedLocal.push(set);
      }
    }
  }
}

async function listAll(storage: Storage, prefix: string): Promise<_Object[]> {
  const out: _Object[] = [];
  let token: string | undefined;
  do {
    const page = await storage.client.send(new ListObjectsV2Command({ Bucket: storage.bucket, Prefix: prefix, ContinuationToken: token }));
    out.push(...(page.Contents ?? []));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out;
}

async function s3Retention(o: RetentionOptions, storage: Storage, report: RetentionReport): Promise<void> {
  const root = storage.prefix.replace(/^\/+|\/+$/g, "");
  const objects = await listAll(storage, root ? `${root}/` : "");
  const sets = new Map<string, _Object[]>();
  for (const obj of objects) {
    if (!obj.Key) continue;
    const cut = obj.Key.lastIndexOf("/");
    const prefix = obj.Key.slice(0, cut + 1);
    sets.set(prefix, [...(sets.get(prefix) ?? []), obj]);
  }
  const cutoff = o.now.getTime() - o.s3Days * DAY_MS;
  for (const [prefix, objs] of sets) {
    const newest = Math.max(...objs.map((x) => x.LastModified?.getTime() ?? o.now.getTime()));
    if (newest >= cutoff) continue;
    let reason: string | null = o.protect.s3Prefixes.has(`${storage.bucket}/${prefix}`) ? "an unfinished run refers to it" : null;
    if (!reason && objs.some((x) => x.Key === prefix + MANIFEST)) {
      try {
        const m = parseManifest(await getText(storage.client, storage.bucket, prefix + MANIFEST), prefix);
        if (m.runId && o.protect.runIds.has(m.runId)) reason = "its run is unfinished";
      } catch {
        // unreadable MANIFEST: treated as an incomplete set
      }
    }
    if (reason) {
      report.keptS3.push({ prefix, reason });
      continue;
    }
    if (!o.dryRun) {
      for (let i = 0; i < objs.length; i += 1000) {
        const batch = objs.slice(i, i + 1000).map((x) => ({ Key: x.Key ?? "" }));
        const res = await storage.client.send(new DeleteObjectsCommand({ Bucket: storage.bucket, Delete: { Objects: batch, Quiet: true } }));
        for (const err of res.Errors ?? []) report.errors.push(`s3://${storage.bucket}/${err.Key ?? "?"}: ${err.Message ?? err.Code ?? "not deleted"}`);
      }
    }
    report.deletedS3.push(`s3://${storage.bucket}/${prefix}`);
  }
}

export async function applyRetention(o: RetentionOptions): Promise<RetentionReport> {
  const report: RetentionReport = { deletedLocal: [], keptLocal: [], deletedS3: [], keptS3: [], errors: [] };
  await localRetention(o, report).catch((e: unknown) => report.errors.push(`local: ${e instanceof Error ? e.message : String(e)}`));
  if (o.storage) await s3Retention(o, o.storage, report).catch((e: unknown) => report.errors.push(`S3: ${e instanceof Error ? e.message : String(e)}`));
  return report;
}
