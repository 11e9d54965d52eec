import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import type { BackupManifest } from "./manifest";
import { applyRetention } from "./retention";
import { defaultStorage } from "./storage";

const DAY = 86_400_000;

function manifest(runId: string, finishedAt: Date, set: string): BackupManifest {
  return {
    kind: "runbook-desk-backup",
    version: 1,
    name: set,
    set,
    createdAt: finishedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    runId,
    stepId: null,
    target: { database: "d", host: "h", serverVersion: "15.1", serverMajor: 15 },
    tools: { pgDump: { path: "/usr/bin/pg_dump", version: "15.1" }, node: "v20" },
    command: "pg_dump",
    dump: { file: "x.dump", format: "custom", args: [], snapshot: null, schemaOnly: false, dataOnly: false, tables: [] },
    files: [],
    uploaded: true,
    s3: null,
  };
}

function localSet(root: string, runId: string, set: string, ageDays: number, withManifest = true): string {
  const dir = path.join(root, runId, "backups", set);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "x.dump"), "data");
  const at = new Date(Date.now() - ageDays * DAY);
  if (withManifest) fs.writeFileSync(path.join(dir, "MANIFEST.json"), JSON.stringify(manifest(runId, at, set)));
  else fs.utimesSync(dir, at, at);
  return dir;
}

describe("applyRetention", () => {
  it("deletes local sets past the local limit, keeps recent ones and those unfinished runs need", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "retention-"));
    const old = localSet(root, "run-done", "a_20250101_000000", 10);
    const fresh = localSet(root, "run-done", "b_20250101_000000", 2);
    const active = localSet(root, "run-active", "c_20250101_000000", 10);
    const referenced = localSet(root, "run-old", "d_20250101_000000", 10);
    const interrupted = localSet(root, "run-done", "e_20250101_000000", 10, false);
    const report = await applyRetention({
      now: new Date(),
      localDays: 7,
      s3Days: 30,
      runsRoot: root,
      storage: null,
      protect: { runIds: new Set(["run-active"]), paths: new Set([referenced]), s3Prefixes: new Set() },
    });
    expect(report.errors).toEqual([]);
    expect(report.deletedLocal.sort()).toEqual([old, interrupted].sort());
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(fresh) && fs.existsSync(active) && fs.existsSync(referenced)).toBe(true);
    expect(report.keptLocal).toEqual(
      expect.arrayContaining([
        { path: active, reason: "its run is unfinished" },
        { path: referenced, reason: "an unfinished run refers to it" },
      ]),
    );
  });

  it("deletes S3 sets past the S3 limit unless an unfinished run owns or refers to them", async () => {
    const base = defaultStorage();
    const storage = { ...base, prefix: `retention-${Math.random().toString(16).slice(2, 8)}` };
    const put = (key: string, body: string) => storage.client.send(new PutObjectCommand({ Bucket: storage.bucket, Key: `${storage.prefix}/${key}`, Body: body }));
    const now = new Date();
    await put("2025-01-01/gone_1/x.dump", "d");
    await put("2025-01-01/gone_1/MANIFEST.json", JSON.stringify(manifest("run-done", now, "gone_1")));
    await put("2025-01-01/owned_1/x.dump", "d");
    await put("2025-01-01/owned_1/MANIFEST.json", JSON.stringify(manifest("run-active", now, "owned_1")));
    await put("2025-01-01/ref_1/x.dump", "d");
    // Objects cannot be back-dated in the test store, so the clock moves forward instead.
    const later = new Date(now.getTime() + 31 * DAY);
    const report = await applyRetention({
      now: later,
      localDays: 7,
      s3Days: 30,
      runsRoot: fs.mkdtempSync(path.join(os.tmpdir(), "retention-")),
      storage,
      protect: { runIds: new Set(["run-active"]), paths: new Set(), s3Prefixes: new Set([`${storage.bucket}/${storage.prefix}/2025-01-01/ref_1/`]) },
    });
    expect(report.errors).toEqual([]);
    expect(report.deletedS3).toEqual([`s3://${storage.bucket}/${storage.prefix}/2025-01-01/gone_1/`]);
    const left = await storage.client.send(new ListObjectsV2Command({ Bucket: storage.bucket, Prefix: `${storage.prefix}/` }));
    expect((left.Contents ?? []).map((o) => o.Key?.slice(storage.prefix.length + 1)).sort()).toEqual([
      "2025-01-01/owned_1/MANIFEST.json",
      "2025-01-01/owned_1/x.dump",
      "2025-01-01/ref_1/x.dump",
    ]);
    const notYet = await applyRetention({ now, localDays: 7, s3Days: 30, runsRoot: os.tmpdir() + "/none", storage, protect: { runIds: new Set(), paths: new Set(), s3Prefixes: new Set() } });
    expect(notYet.deletedS3).toEqual([]);
  });
});
