import fs from "node:fs/promises";
import path from "node:path";
import { runBackup } from "@/lib/backups/backup";
import { runRestore } from "@/lib/backups/restore";
import { unseal } from "@/lib/crypto";
import { db } from "@/lib/db";
import { dataDir, env } from "@/lib/env";
import { evaluate } from "@/lib/executors/evaluate";
import { runHttp } from "@/lib/executors/http";
import { maskSecrets } from "@/lib/executors/mask-secrets";
import { runShell } from "@/lib/executors/shell";
import { runSql } from "@/lib/executors/sql";
import type { ExecContext, ExecResult, OutputChunk, Verdict } from "@/lib/executors/types";
import type { Command, ParsedRunbook, Step } from "@/lib/importer/types";
import { s3Secrets } from "@/lib/s3";
import { targetConnectionUrl } from "@/lib/services/targets";
import { appendEvents, appendEventsNow } from "./events";
import { blanksFromOutputs } from "./blanks-from-outputs";
import { OutputBuffer } from "./output-buffer";
import { isReadOnlySql } from "./read-only";
import { secretValues, targetVariables, timestampVariable } from "./variables";

// The runner's half of a step: claim it (queued → running, exactly once), run its commands with
// the right executor, stream output into the log, turn expectations into verdicts, finish.

export interface StepJob {
  runId: string;
  stepId: string;
  attempt: number;
}

const DEFAULT_TIMEOUT_MS = 15 * 60_000;

async function claim(job: StepJob, runnerId: string): Promise<{ rehearsal: boolean } | null> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Run" WHERE id = ${job.runId} FOR UPDATE`;
    const sr = await tx.stepRun.findUnique({ where: { runId_stepId: { runId: job.runId, stepId: job.stepId } } });
    if (!sr || sr.status !== "queued" || sr.attempt !== job.attempt) return null;
    await appendEvents(tx, job.runId, null, [{ type: "step.started", stepId: job.stepId, payload: { attempt: job.attempt, runnerId } }]);
    await tx.stepRun.update({
      where: { runId_stepId: { runId: job.runId, stepId: job.stepId } },
      data: { status: "running", runnerId, startedAt: new Date() },
    });
    return { rehearsal: sr.rehearsal };
  });
}

async function producedSoFar(runId: string): Promise<Record<string, string>> {
  const rows = await db.runEvent.findMany({ where: { runId, type: "step.finished" }, orderBy: { seq: "asc" }, select: { payload: true } });
  const out: Record<string, string> = {};
  for (const r of rows) Object.assign(out, (r.payload as { produced?: Record<string, string> }).produced ?? {});
  return out;
}

function timeoutFor(parsed: ParsedRunbook, step: Step): number {
  const budget = parsed.sections.find((s) => s.id === step.section)?.budgetSeconds;
  return budget ? Math.max(60_000, budget * 3_000) : DEFAULT_TIMEOUT_MS;
}

/**
 * The importer splits a SQL block into one command per statement (each with its own
 * expectations), but a block's statements must share one connection so BEGIN … COMMIT holds.
 * Consecutive SQL commands therefore run as one script, laid out on their document lines so
 * each result maps back to the command (and expectations) it came from.
 */
export interface CommandGroup {
  executor: Command["executor"];
  commands: Command[];
  code: string;
  firstLine: number;
}

export function groupCommands(commands: Command[]): CommandGroup[] {
  const groups: CommandGroup[] = [];
  for (const c of commands) {
    if (c.executor === "manual") continue;
    const last = groups[groups.length - 1];
    if (c.executor === "sql" && last?.executor === "sql") last.commands.push(c);
    else groups.push({ executor: c.executor, commands: [c], code: "", firstLine: c.lines[0] });
  }
  for (const g of groups) {
    if (g.executor !== "sql") {
      g.code = g.commands.map((c) => c.code).join("\n");
      continue;
    }
    let line = g.firstLine;
    let code = "";
    for (const c of g.commands) {
      while (line < c.lines[0]) {
        code += "\n";
        line++;
      }
      const text = c.code.trimEnd();
      code += /;\s*$/.test(text) || /^\\/.test(text.trim()) ? text : `${text};`;
      line += text.split("\n").length - 1;
    }
    g.code = code;
  }
  return groups;
}

function dispatch(group: CommandGroup, ctx: ExecContext): Promise<ExecResult> {
  switch (group.executor) {
    case "sql":
      return runSql(group.code, { ...ctx, readOnly: ctx.mode === "run" && isReadOnlySql(group.code) });
    case "http":
      return runHttp(group.code, ctx);
    case "backup":
      return runBackup(group.code, ctx);
    case "restore":
      return runRestore(group.code, ctx);
    default:
      return runShell(group.code, ctx);
  }
}

/** Verdicts of one group: SQL results go to the command whose lines they start on. */
function verdictsOf(group: CommandGroup, result: ExecResult): Verdict[] {
  if (group.executor !== "sql") return group.commands.flatMap((c) => evaluate(c.expect, result));
  return group.commands.flatMap((c) => {
    const own = result.results.filter((r) => {
      const docLine = group.firstLine + r.line - 1;
      return docLine >= c.lines[0] && docLine <= c.lines[1];
    });
    return evaluate(c.expect, { ...result, results: own }, { sqlFirstLine: group.firstLine });
  });
}

export async function executeStep(job: StepJob, runnerId: string): Promise<void> {
  const claimed = await claim(job, runnerId);
  if (!claimed) return;
  const started = performance.now();
  const run = await db.run.findUniqueOrThrow({
    where: { id: job.runId },
    select: { createdAt: true, inputsSealed: true, target: { select: { name: true } }, version: { select: { parsed: true } } },
  });
  const parsed = run.version.parsed as unknown as ParsedRunbook;
  const step = parsed.steps.find((s) => s.id === job.stepId);
  const inputs: Record<string, string> = run.inputsSealed ? (JSON.parse(unseal(run.inputsSealed)) as Record<string, string>) : {};
  const targetUrl = await targetConnectionUrl(run.target.name).catch(() => null);
  const secrets = [...secretValues(targetUrl, inputs), ...s3Secrets()];
  const workspace = path.join(dataDir(), "runs", job.runId);
  const backupDir = path.join(workspace, "backups");
  await fs.mkdir(backupDir, { recursive: true });

  const buffer = new OutputBuffer(async (chunks) => {
    await appendEventsNow(job.runId, null, [{ type: "step.output", stepId: job.stepId, payload: { attempt: job.attempt, chunks } }]);
  });
  const abort = new AbortController();
  const poll = setInterval(async () => {
    const sr = await db.stepRun.findUnique({ where: { runId_stepId: { runId: job.runId, stepId: job.stepId } }, select: { cancelRequested: true } });
    if (sr?.cancelRequested) abort.abort();
  }, 300);

  let status: ExecResult["status"] = "succeeded";
  let exitCode: number | null = 0;
  let error: string | null = null;
  const verdicts: Verdict[] = [];
  const produced: Record<string, string> = { BACKUP_DIR: backupDir };
  try {
    if (!step) throw new Error(`step ${job.stepId} is not in the pinned runbook version`);
    const ctx: ExecContext = {
      signal: abort.signal,
      timeoutMs: timeoutFor(parsed, step),
      emit: (chunk: OutputChunk) => buffer.push(chunk),
      targetUrl,
      variables: {
        ...(targetUrl ? targetVariables(targetUrl) : {}),
        BACKUP_DIR: backupDir,
        WORKSPACE: workspace,
        DESK_URL: `http://localhost:${env().PORT}`,
        RUN_ID: job.runId,
        STEP_ID: job.stepId,
        TIMESTAMP: timestampVariable(run.createdAt),
        ...(await producedSoFar(job.runId)),
        ...inputs,
      },
      secrets,
      workspace,
      mode: claimed.rehearsal ? "rehearsal" : "run",
      readOnly: false,
    };
    for (const group of groupCommands(step.commands)) {
      const last = group.commands[group.commands.length - 1]?.lines[1] ?? group.firstLine;
      buffer.push({ stream: "info", text: `▶ ${group.executor} (lines ${group.firstLine}–${last})\n` });
      const result = await dispatch(group, ctx);
      Object.assign(produced, result.produced);
      const checked = verdictsOf(group, result);
      verdicts.push(...checked);
      exitCode = result.exitCode;
      if (result.status !== "succeeded") {
        status = result.status;
        error = result.error;
        break;
      }
      const failed = checked.filter((v) => v.outcome === "fail");
      if (failed.length) {
        status = "failed";
        error = `Verification failed: ${failed.map((v) => `expected ${v.expectation.source.trim()}, got ${v.actual}`).join("; ")}`;
        break;
      }
    }
  } catch (e) {
    status = "failed";
    exitCode = null;
    error = maskSecrets(e instanceof Error ? e.message : String(e), secrets);
  } finally {
    clearInterval(poll);
  }
  await buffer.flush().catch((e: unknown) => {
    error ??= `Some output could not be stored: ${e instanceof Error ? e.message : String(e)}`;
  });
  await db.$transaction(async (tx) => {
    await appendEvents(tx, job.runId, null, [
      {
        type: "step.finished",
        stepId: job.stepId,
        payload: {
          attempt: job.attempt,
          status,
          exitCode,
          error,
          durationMs: Math.round(performance.now() - started),
          verdicts,
          produced,
          rehearsal: claimed.rehearsal,
        },
      },
    ]);
    await tx.stepRun.update({
      where: { runId_stepId: { runId: job.runId, stepId: job.stepId } },
      data: { status, finishedAt: new Date() },
    });
    // A real backup's location, size and checksum fill the runbook's blanks for them.
    if (status === "succeeded" && !claimed.rehearsal && produced.BACKUP_SHA256) {
      const filled = await tx.runEvent.findMany({ where: { runId: job.runId, type: "blank.filled" }, select: { payload: true } });
      const done = new Set(filled.map((e) => (e.payload as { blankId: string }).blankId));
      const fills = blanksFromOutputs(parsed.blanks, produced, done);
      await appendEvents(
        tx,
        job.runId,
        null,
        fills.map((f) => ({ type: "blank.filled" as const, payload: { ...f, fromStep: job.stepId } })),
      );
    }
  });
}
