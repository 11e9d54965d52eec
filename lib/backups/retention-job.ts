import "server-only";
import path from "node:path";
import { db } from "@/lib/db";
import { dataDir, env } from "@/lib/env";
import { parseS3Uri, defaultStorage } from "./storage";
import { applyRetention, type Protected, type RetentionReport } from "./retention";

// The cleanup job's body: retention days from the environment, the runs' workspaces under the
// data directory, and what unfinished runs refer to. (Scheduling it, e.g. a graphile-worker cron
// task, is left to the runner.)

/** Runs still going, and the backup locations their finished steps produced. */
export async function protectedByUnfinishedRuns(): Promise<Protected> {
  const runs = await db.run.findMany({ where: { status: "active" }, select: { id: true } });
  const runIds = new Set(runs.map((r) => r.id));
  const events = await db.runEvent.findMany({ where: { runId: { in: [...runIds] }, type: "step.finished" }, select: { payload: true } });
  const paths = new Set<string>();
  const s3Prefixes = new Set<string>();
  for (const e of events) {
    const produced = (e.payload as { produced?: Record<string, string> }).produced ?? {};
    if (produced.BACKUP_DIR) paths.add(path.resolve(produced.BACKUP_DIR));
    const loc = produced.BACKUP_S3_URI ? parseS3Uri(produced.BACKUP_S3_URI) : null;
    if (loc) s3Prefixes.add(`${loc.bucket}/${loc.key.replace(/\/?$/, "/")}`);
  }
  return { runIds, paths, s3Prefixes };
}

export async function runRetention(options: { now?: Date; dryRun?: boolean } = {}): Promise<RetentionReport> {
  const e = env();
  return applyRetention({
    now: options.now ?? new Date(),
    localDays: e.DESK_BACKUP_LOCAL_RETENTION_DAYS,
    s3Days: e.DESK_BACKUP_S3_RETENTION_DAYS,
    runsRoot: path.join(dataDir(), "runs"),
    storage: defaultStorage(),
    protect: await protectedByUnfinishedRuns(),
    dryRun: options.dryRun,
  });
}
