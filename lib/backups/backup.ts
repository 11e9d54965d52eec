import fs from "node:fs/promises";
import path from "node:path";
import { info } from "@/lib/executors/output";
import { maskSecrets } from "@/lib/executors/mask-secrets";
import type { ExecContext, ExecResult, ExecStatus } from "@/lib/executors/types";
import { stepReport } from "./step-report";
import type { PgTool } from "@/lib/services/pg-tools";
import { CommandError } from "./command-words";
import { parseDumpCommand, type DumpPlan } from "./dump-command";
import { streamDump } from "./dump-stream";
import { enumTypesFile } from "./enum-sql";
import { ENUM_TYPES, MANIFEST, sha256Text, STATISTICS, VALIDATION_LOG, writeJsonAtomic, type BackupManifest, type ManifestFile } from "./manifest";
import { pgEnvironment } from "./pg-process";
import { backupBase, createSetDir, dayStamp, setNameFor, timeStamp } from "./set-layout";
import { openSnapshotSession } from "./snapshot";
import { collectStatistics, resolveRelations, type Statistics } from "./statistics";
import { defaultStorage, s3Uri, setKeyPrefix, type Storage } from "./storage";
import { installedTools, pickTool } from "./tools";
import { uploadSet, uploadSmallFile } from "./upload-set";
import { validateDump } from "./validate-dump";

// The `backup` executor: a runbook's pg_dump step made verifiable (issue 5, seed 001). See
// dump-stream for the streaming, upload-set for the S3 side, statistics for what is recorded.

export interface BackupDeps {
  // null: no S3 copy (the step then fails after writing the local set, as on an S3 outage).
  storage?: Storage | null;
  now?: () => Date;
  // Overrides the pg_dump choice (tests use a fake one that dies mid-dump).
  pgDump?: PgTool;
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function writeFileMessage(e: unknown, dir: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOSPC") return `disk full: no space left on the device holding ${dir}`;
  return e instanceof Error ? e.message : String(e);
}

export async function runBackup(command: string, ctx: ExecContext, deps: BackupDeps = {}): Promise<ExecResult> {
  const { secrets, emit, say, finish } = stepReport(ctx);
  if (ctx.signal.aborted) return finish("cancelled", "cancelled before it started");
  if (!ctx.targetUrl) return finish("failed", "no target database: a backup step runs pg_dump against the run's target");
  const now = deps.now ?? (() => new Date());
  const started = now();
  const stamp = timeStamp(started);
  let plan: DumpPlan;
  try {
    plan = parseDumpCommand(command, ctx.variables, stamp);
  } catch (e) {
    if (e instanceof CommandError) return finish("failed", `backup: ${e.message}`);
    throw e;
  }
  if (plan.ignored.length) emit(info(`connection options in the command are ignored (the backup runs against the run's target): ${plan.ignored.join(" ")}`));
  const storage = deps.storage === undefined ? defaultStorage() : deps.storage;

  let session: Awaited<ReturnType<typeof openSnapshotSession>> | null = null;
  let setDir: string | null = null;
  let keep = false;
  try {
    // The tool lookup runs while the connection opens; pg_dump starts as soon as the snapshot is
    // exported, and the statistics are counted in that snapshot while it dumps.
    if (!deps.pgDump) void installedTools("pg_dump");
    void installedTools("pg_restore");
    session = await openSnapshotSession(ctx.targetUrl, plan.snapshot);
    const { server } = session;
    const serverMajor = server.major;
    const chosen = deps.pgDump ? { tool: deps.pgDump } : await pickTool("pg_dump", serverMajor);
    if ("error" in chosen) return finish("failed", chosen.error);
    const tool = chosen.tool;
    const restoreToolPromise = pickTool("pg_restore", serverMajor);
    emit(info(`pg_dump ${tool.version} (${tool.path}) for PostgreSQL ${server.version}; format ${plan.format}`));
    if (session.note) emit(info(session.note));
    const snapshot = plan.snapshot ?? session.snapshot;
    const open = session;
    const statsPromise: Promise<Statistics> = (async () => {
      const [relations, counters] = await Promise.all([resolveRelations(open.main, plan), open.counters(1)]);
      const wholeSchemas = plan.tables.length ? null : [...new Set(relations.map((r) => r.schema))];
      return collectStatistics(open.main, counters, relations, { database: server.database, wholeSchemas });
    })();
    statsPromise.catch(() => undefined);

    const base = backupBase(ctx.variables, ctx.workspace);
    const { dir, set } = await createSetDir(base, setNameFor(plan.fileName, ctx.variables), stamp);
    setDir = dir;
    const keyPrefix = storage ? setKeyPrefix(storage, dayStamp(started), set) : "";
    const metadata = { "run-id": ctx.variables.RUN_ID ?? "", set };
    const args = [`--format=${plan.format}`, ...(!plan.snapshot && session.snapshot ? [`--snapshot=${session.snapshot}`] : []), "--no-password", ...plan.args];
    emit(info(`backup set ${dir}${storage ? ` → s3://${storage.bucket}/${keyPrefix}` : ""}`));

    let lastProgress = "";
    const outcome = await streamDump({
      tool,
      args,
      env: pgEnvironment(ctx.targetUrl, "runbook-desk-backup"),
      finalPath: path.join(dir, plan.fileName),
      storage,
      key: keyPrefix + plan.fileName,
      metadata,
      signal: ctx.signal,
      timeoutMs: ctx.timeoutMs,
      onStderr: (text) => emit({ stream: "stderr", text }),
      onProgress: (dumped, uploaded) => {
        const line = `progress: dumped ${mb(dumped)}${storage ? `, uploaded ${mb(uploaded)}` : ""}`;
        if (line !== lastProgress) emit(info(line));
        lastProgress = line;
      },
    });
    if (outcome.kind !== "ok") {
      // Counting a big database could take a while yet: stop it rather than wait for it.
      await session.close(true);
      session = null;
      const status: ExecStatus = outcome.stop === "timeout" ? "timed_out" : outcome.stop === "cancel" ? "cancelled" : "failed";
      return finish(status, `backup failed: ${outcome.message}`);
    }
    emit(info(`progress: dumped ${mb(outcome.bytes)} (pg_dump finished), sha256 ${outcome.sha256}`));

    // pg_restore --list reads the archive while the counting finishes.
    const validating = restoreToolPromise.then((rt) =>
      validateDump({
        file: path.join(dir, plan.fileName),
        format: plan.format,
        pgRestore: "tool" in rt ? rt.tool : null,
        tables: statsPromise.then((s) => s.tables),
        schemaOnly: plan.schemaOnly,
        dataOnly: plan.dataOnly,
        signal: ctx.signal,
      }),
    );
    validating.catch(() => undefined);
    const stats = await statsPromise;
    await session.close();
    session = null;
    const smallFiles: { name: string; role: ManifestFile["role"]; text: string }[] = [
      { name: STATISTICS, role: "statistics", text: `${JSON.stringify(stats, null, 2)}\n` },
      { name: ENUM_TYPES, role: "enum-types", text: enumTypesFile(stats.enumTypes) },
    ];
    const fileEntry = (f: { name: string; role: ManifestFile["role"]; text: string }): ManifestFile => ({ name: f.name, role: f.role, size: Buffer.byteLength(f.text), sha256: sha256Text(f.text) });
    await Promise.all(smallFiles.map((f) => fs.writeFile(path.join(dir, f.name), f.text)));
    // The S3 side (dump check, statistics, enum types) goes on while the validation finishes.
    const uploading = storage
      ? uploadSet({ storage, keyPrefix, dir, dump: { name: plan.fileName, size: outcome.bytes, etags: outcome.etags }, dumpUpload: outcome.upload, others: smallFiles.map(fileEntry), metadata, onRetry: (why) => emit(info(`the streamed upload failed (${why}); uploading again from the local file`)) })
      : Promise.resolve({ ok: false, error: "no S3 storage configured", checks: [] as string[] });
    const validation = await validating;
    validation.lines.push(`${new Date().toISOString()} ${plan.fileName}: ${outcome.bytes} bytes, sha256 ${outcome.sha256}`);
    const validationFile = { name: VALIDATION_LOG, role: "validation-log" as const, text: `${validation.lines.join("\n")}\n` };
    smallFiles.push(validationFile);
    await fs.writeFile(path.join(dir, VALIDATION_LOG), validationFile.text);
    emit({
      stream: "table",
      command: "statistics",
      columns: ["table", "rows", "size", "enum columns", "indexes", "constraints"],
      rows: stats.tables.map((t) => [
        `${t.schema}.${t.name}`,
        t.rows === null ? "" : String(t.rows),
        mb(t.totalBytes),
        t.enumColumns.map((c) => `${c.column}: ${c.values.map((v) => `${v.value ?? "NULL"}=${v.count}`).join(" ")}`).join("; "),
        String(t.indexes.length),
        String(t.constraints.length),
      ]),
      rowCount: stats.tables.length,
      truncated: false,
    });
    if (!validation.ok) {
      await uploading;
      return finish("failed", `backup failed validation (see ${path.join(dir, VALIDATION_LOG)}): ${validation.lines.filter((l) => /MISSING|failed|INVALID|incomplete/.test(l)).join("; ")}`);
    }

    const files: ManifestFile[] = [{ name: plan.fileName, role: "dump", size: outcome.bytes, sha256: outcome.sha256 }, ...smallFiles.map(fileEntry)];
    const upload = await uploading;
    if (storage && upload.ok) {
      try {
        upload.checks.push(await uploadSmallFile(storage, keyPrefix, dir, fileEntry(validationFile), { ...metadata, sha256: fileEntry(validationFile).sha256 }));
      } catch (e) {
        Object.assign(upload, { ok: false, error: `${VALIDATION_LOG} upload failed: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
    const manifest: BackupManifest = {
      kind: "runbook-desk-backup",
      version: 1,
      name: setNameFor(plan.fileName, ctx.variables),
      set,
      createdAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      runId: ctx.variables.RUN_ID ?? null,
      stepId: ctx.variables.STEP_ID ?? null,
      target: { database: server.database, host: server.host ?? "local socket", serverVersion: server.version, serverMajor },
      tools: { pgDump: { path: tool.path, version: tool.version }, node: process.version },
      command: maskSecrets(command, secrets),
      dump: { file: plan.fileName, format: plan.format, args, snapshot, schemaOnly: plan.schemaOnly, dataOnly: plan.dataOnly, tables: stats.tables.map((t) => `${t.schema}.${t.name}`) },
      files,
      uploaded: upload.ok,
      s3: storage ? { bucket: storage.bucket, prefix: keyPrefix, uri: s3Uri(storage.bucket, keyPrefix), verified: upload.ok, error: upload.error } : null,
    };
    await outcome.durable;
    const manifestPath = path.join(dir, MANIFEST);
    const manifestSize = await writeJsonAtomic(manifestPath, manifest);
    keep = true;
    let uploadError = upload.error;
    if (storage && upload.ok) {
      try {
        upload.checks.push(await uploadSmallFile(storage, keyPrefix, dir, { name: MANIFEST, size: manifestSize }, metadata));
      } catch (e) {
        uploadError = `MANIFEST.json upload failed: ${e instanceof Error ? e.message : String(e)}`;
        manifest.uploaded = false;
        if (manifest.s3) Object.assign(manifest.s3, { verified: false, error: uploadError });
        await writeJsonAtomic(manifestPath, manifest);
      }
    }
    for (const c of upload.checks) emit(info(`verified in S3: ${c}`));

    const produced: Record<string, string> = {
      BACKUP_DIR: dir,
      BACKUP_FILE: path.join(dir, plan.fileName),
      BACKUP_SHA256: outcome.sha256,
      BACKUP_SIZE: String(outcome.bytes),
    };
    say(`backup set: ${dir}`);
    say(`dump: ${plan.fileName}, ${outcome.bytes} bytes (${mb(outcome.bytes)}), sha256 ${outcome.sha256}`);
    say(`tables: ${stats.tables.map((t) => `${t.schema}.${t.name} (${t.rows ?? "-"} rows)`).join(", ") || "none"}`);
    say(`validation: ${plan.format === "plain" ? "the SQL dump is complete" : `pg_restore lists every table${plan.schemaOnly ? "" : " and its data"}`} (${VALIDATION_LOG})`);
    if (manifest.uploaded && manifest.s3) {
      produced.BACKUP_S3_URI = manifest.s3.uri;
      say(`uploaded and verified: ${manifest.s3.uri}`);
      return finish("succeeded", null, produced);
    }
    say(`NOT uploaded: ${uploadError ?? "unknown error"}`);
    return finish("failed", `S3 upload failed: ${uploadError ?? "unknown error"}. The local backup set is complete and usable at ${dir} (its MANIFEST says uploaded: false).`, produced);
  } catch (e) {
    return finish("failed", `backup failed: ${writeFileMessage(e, setDir ?? ctx.workspace)}`);
  } finally {
    await session?.close();
    if (setDir && !keep) await fs.rm(setDir, { recursive: true, force: true });
  }
}
