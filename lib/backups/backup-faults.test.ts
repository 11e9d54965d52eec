import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { startEmbeddedS3 } from "@/lib/embedded/s3";
import { readEnv } from "@/lib/env";
import { sandboxUrl, testContext } from "@/lib/executors/test-context";
import { choosePgTool, findPgTools } from "@/lib/services/pg-tools";
import { runBackup } from "./backup";
import { streamDump } from "./dump-stream";
import { readManifest, verifyFiles } from "./manifest";
import { pgEnvironment } from "./pg-process";
import { runRestore } from "./restore";
import type { Storage } from "./storage";
import { defaultStorage } from "./storage";
import { query, s3Objects, scratchDatabase } from "./test-support";

function storageAt(endpoint: string, bucket: string): Storage {
  const client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, maxAttempts: 1, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
  return { client, bucket, prefix: "faults" };
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "backup-faults-"));
}

/** Every file under dir, relative. */
function tree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}

describe("backup faults", () => {
  it("S3 going down as the dump starts: the step fails, the local set is complete (uploaded: false) and restorable", async () => {
    const dataDir = tmp();
    const server = await startEmbeddedS3({ dataDir, preferredPort: 0, bucket: "faults" });
    const ctx = testContext({ targetUrl: sandboxUrl() });
    let stopped: Promise<void> | null = null;
    const record = ctx.emit;
    ctx.emit = (chunk) => {
      record(chunk);
      if (chunk.stream === "info" && chunk.text.startsWith("backup set ")) stopped ??= server.stop();
    };
    const res = await runBackup("pg_dump -Fc -t organisations -t users -t user_application_access -t user_invitations", ctx, { storage: storageAt(server.endpoint, "faults") });
    await stopped;
    expect(stopped).not.toBeNull();
    expect(res.status).toBe("failed");
    expect(res.error).toMatch(/^S3 upload failed: .+ The local backup set is complete and usable at .+ \(its MANIFEST says uploaded: false\)\.$/);
    const dir = res.produced.BACKUP_DIR ?? "";
    const manifest = await readManifest(dir);
    expect(manifest.uploaded).toBe(false);
    expect(manifest.s3?.verified).toBe(false);
    expect(manifest.s3?.error).toBeTruthy();
    expect(res.produced.BACKUP_S3_URI).toBeUndefined();
    expect((await verifyFiles(dir, manifest)).problems).toEqual([]);
    expect(tree(dir).some((f) => f.endsWith(".partial"))).toBe(false);

    const db = await scratchDatabase("faults_restore");
    try {
      const restore = await runRestore(`pg_restore ${dir}`, testContext({ targetUrl: db.url }), { storage: null });
      expect(restore.error).toBeNull();
      expect(restore.status).toBe("succeeded");
    } finally {
      await db.drop();
    }
  });

  it("a blip during the streamed upload: retried once from the local file, verified, uploaded", async () => {
    const base = defaultStorage();
    const e = readEnv();
    const client = new S3Client({ endpoint: e.S3_ENDPOINT, region: e.S3_REGION, forcePathStyle: true, maxAttempts: 1, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
    let failed = 0;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Key?: string };
        if (failed === 0 && input.Key?.endsWith(".dump") && context.commandName !== "HeadObjectCommand") {
          failed++;
          throw new Error("simulated connection reset");
        }
        return next(args);
      },
      { step: "initialize" },
    );
    const ctx = testContext({ targetUrl: sandboxUrl() });
    const res = await runBackup("pg_dump -t users -t organisations", ctx, { storage: { ...base, client } });
    expect(failed).toBe(1);
    expect(res.error).toBeNull();
    expect(res.status).toBe("succeeded");
    expect(ctx.text("info")).toContain("the streamed upload failed (simulated connection reset); uploading again from the local file");
    const manifest = await readManifest(res.produced.BACKUP_DIR ?? "");
    expect(manifest.uploaded).toBe(true);
    const objects = await s3Objects(res.produced.BACKUP_S3_URI ?? "");
    for (const f of manifest.files) expect(objects.get(f.name)).toEqual({ size: f.size, sha256: f.sha256 });
  });

  it("S3 unreachable from the start (closed port): same outcome", async () => {
    const ctx = testContext({ targetUrl: sandboxUrl() });
    const res = await runBackup("pg_dump -t users", ctx, { storage: storageAt("http://127.0.0.1:9", "faults") });
    expect(res.status).toBe("failed");
    expect(res.error).toContain("S3 upload failed");
    expect((await readManifest(res.produced.BACKUP_DIR ?? "")).uploaded).toBe(false);
  });

  it("pg_dump killed mid-dump: no set is left that looks valid, the error says so", async () => {
    const dir = tmp();
    const fake = path.join(dir, "pg_dump");
    fs.writeFileSync(fake, "#!/bin/sh\nhead -c 3000000 /dev/zero\nkill -9 $$\n", { mode: 0o755 });
    const base = path.join(dir, "backups");
    const ctx = testContext({ targetUrl: sandboxUrl() });
    ctx.variables = { BACKUP_DIR: base };
    const res = await runBackup("pg_dump -t users -f users.dump", ctx, { storage: null, pgDump: { path: fake, major: 15, version: "15.0" } });
    expect(res.status).toBe("failed");
    expect(res.error).toBe("backup failed: pg_dump was killed by SIGKILL; the partial dump was deleted");
    expect(tree(base)).toEqual([]);
  });

  it("pg_dump failing (no such table with --strict-names): its error, nothing left behind", async () => {
    const base = path.join(tmp(), "backups");
    const ctx = testContext({ targetUrl: sandboxUrl() });
    ctx.variables = { BACKUP_DIR: base };
    const res = await runBackup("pg_dump --strict-names -t no_such_table", ctx, { storage: null });
    expect(res.status).toBe("failed");
    expect(res.error).toMatch(/pg_dump exited with code 1: .*no matching tables were found/);
    expect(tree(base)).toEqual([]);
  });

  it("disk full: a clear error and the partial file removed", async () => {
    const dir = tmp();
    const final = path.join(dir, "users.dump");
    fs.symlinkSync("/dev/full", `${final}.partial`);
    const [tool] = await findPgTools("pg_dump");
    if (!tool) throw new Error("pg_dump not installed");
    const out = await streamDump({
      tool,
      args: ["--format=custom", "-t", "users"],
      env: pgEnvironment(sandboxUrl(), "test"),
      finalPath: final,
      storage: null,
      key: "",
      metadata: {},
      signal: new AbortController().signal,
      timeoutMs: 20_000,
      onStderr: () => undefined,
      onProgress: () => undefined,
    });
    expect(out.kind).toBe("write-failed");
    expect(out.kind !== "ok" && out.message).toMatch(/^disk full: no space left on the device holding .*users\.dump\.partial/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("picks the lowest pg_dump at least as new as the server, and names the version needed otherwise", async () => {
    const ok = await choosePgTool("pg_dump", 15);
    expect("tool" in ok && ok.tool.major).toBeGreaterThanOrEqual(15);
    const tooNew = await choosePgTool("pg_dump", 99);
    expect("error" in tooNew && tooNew.error).toMatch(/^pg_dump 99 or newer is needed for a PostgreSQL 99 server; found 15\.\d+ .*postgresql-client-99/);
    expect((await query<{ n: string }>(sandboxUrl(), "SELECT current_setting('server_version_num') AS n"))[0]?.n).toMatch(/^15/);
  });
});
