import { randomUUID } from "node:crypto";
import os from "node:os";
import { Logger, run, type Runner as WorkerRunner } from "graphile-worker";
import { db } from "@/lib/db";
import { processAlive } from "@/lib/process-alive";
import { appendEvents } from "./events";
import { executeStep, type StepJob } from "./execute-step";
import { RUN_STEP_TASK } from "./service";

// A runner takes step jobs from the Postgres queue (graphile-worker) and executes them. It
// heartbeats; a step left `running` by a runner that died (crash, SIGKILL) is marked
// `interrupted` with its output kept, and is never re-run silently: jobs have max_attempts 1.

const HEARTBEAT_MS = 5_000;
export const RETENTION_TASK = "backup_retention";
const STALE_MS = 20_000;

export interface DeskRunner {
  id: string;
  stop(): Promise<void>;
}

/** Marks steps of dead runners interrupted. Returns how many. */
export async function sweepInterrupted(): Promise<number> {
  const stale = new Date(Date.now() - STALE_MS);
  const runners = await db.runner.findMany({ select: { id: true, host: true, pid: true, heartbeatAt: true } });
  const dead = new Set(
    runners.filter((r) => r.heartbeatAt < stale || (r.host === os.hostname() && !processAlive(r.pid))).map((r) => r.id),
  );
  const live = new Set(runners.map((r) => r.id).filter((id) => !dead.has(id)));
  const orphans = await db.stepRun.findMany({
    where: { status: "running" },
    select: { runId: true, stepId: true, attempt: true, runnerId: true },
  });
  let count = 0;
  for (const o of orphans.filter((s) => !s.runnerId || !live.has(s.runnerId))) {
    const changed = await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Run" WHERE id = ${o.runId} FOR UPDATE`;
      const current = await tx.stepRun.findUnique({ where: { runId_stepId: { runId: o.runId, stepId: o.stepId } } });
      if (current?.status !== "running" || current.attempt !== o.attempt) return false;
      await appendEvents(tx, o.runId, null, [
        {
          type: "step.interrupted",
          stepId: o.stepId,
          payload: { attempt: o.attempt, reason: "The runner executing this step stopped (crash or restart). Output so far is kept; retry or skip." },
        },
      ]);
      await tx.stepRun.update({ where: { runId_stepId: { runId: o.runId, stepId: o.stepId } }, data: { status: "interrupted", finishedAt: new Date() } });
      return true;
    });
    if (changed) count++;
  }
  if (dead.size) await db.runner.deleteMany({ where: { id: { in: [...dead] } } });
  return count;
}

export async function startRunner(opts: { connectionString: string; concurrency?: number; log?: (l: string) => void }): Promise<DeskRunner> {
  const log = opts.log ?? (() => undefined);
  const id = randomUUID();
  await db.runner.create({ data: { id, host: os.hostname(), pid: process.pid } });
  const interrupted = await sweepInterrupted();
  if (interrupted) log(`Marked ${interrupted} step(s) interrupted: their runner had stopped mid-step.`);
  const beat = setInterval(() => {
    void db.runner.update({ where: { id }, data: { heartbeatAt: new Date() } }).catch(() => undefined);
    void sweepInterrupted().catch(() => undefined);
  }, HEARTBEAT_MS);
  const worker: WorkerRunner = await run({
    connectionString: opts.connectionString,
    concurrency: opts.concurrency ?? 4,
    noHandleSignals: true,
    pollInterval: 1_000,
    // graphile-worker logs every job at info level; only problems are worth a line here.
    logger: new Logger(() => (level, message) => {
      if (level === "error" || level === "warning") log(`queue ${level}: ${message}`);
    }),
    // Backup retention (issue 5) runs hourly; graphile-worker makes one runner of many take it.
    crontab: `0 * * * * ${RETENTION_TASK} ?max=1&jobKey=${RETENTION_TASK}`,
    taskList: {
      [RUN_STEP_TASK]: async (payload) => {
        await executeStep(payload as StepJob, id);
      },
      [RETENTION_TASK]: async () => {
        const { runRetention } = await import("@/lib/backups/retention-job");
        const report = await runRetention();
        log(
          `Backup retention: deleted ${report.deletedLocal.length} local and ${report.deletedS3.length} S3 set(s), kept ${report.keptLocal.length + report.keptS3.length}${report.errors.length ? `; errors: ${report.errors.join("; ")}` : ""}`,
        );
      },
    },
  });
  log(`Runner ${id.slice(0, 8)} ready (concurrency ${opts.concurrency ?? 4}).`);
  return {
    id,
    async stop() {
      clearInterval(beat);
      await worker.stop();
      await db.runner.delete({ where: { id } }).catch(() => undefined);
    },
  };
}
