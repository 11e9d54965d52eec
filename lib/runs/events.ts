import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EventBody, RunEventRecord } from "./event-types";

export type Tx = Prisma.TransactionClient;
export const RUN_EVENTS_CHANNEL = "desk_run_events";

/**
 * Appends events to a run's log inside the caller's transaction. Bumping Run.lastSeq row-locks
 * the run, so concurrent appends get consecutive, gap-free sequence numbers in commit order;
 * the NOTIFY (run id + last seq) is delivered only if the transaction commits.
 */
export async function appendEvents(tx: Tx, runId: string, actor: string | null, bodies: EventBody[]): Promise<number> {
  if (bodies.length === 0) return 0;
  const bumped = await tx.$queryRaw<{ lastSeq: number }[]>`
    UPDATE "Run" SET "lastSeq" = "lastSeq" + ${bodies.length} WHERE id = ${runId} RETURNING "lastSeq"`;
  const last = bumped[0]?.lastSeq;
  if (last === undefined) throw new Error(`run ${runId} does not exist`);
  const first = last - bodies.length + 1;
  await tx.runEvent.createMany({
    data: bodies.map((b, i) => ({
      runId,
      seq: first + i,
      type: b.type,
      stepId: "stepId" in b ? (b.stepId ?? null) : null,
      actor,
      payload: b.payload as Prisma.InputJsonValue,
    })),
  });
  await tx.$executeRaw`SELECT pg_notify(${RUN_EVENTS_CHANNEL}, ${`${runId}:${last}`})`;
  return last;
}

/** Appends in a transaction of its own. */
export function appendEventsNow(runId: string, actor: string | null, bodies: EventBody[]): Promise<number> {
  return db.$transaction((tx) => appendEvents(tx, runId, actor, bodies));
}

export async function readEvents(runId: string, afterSeq = 0, limit = 10_000): Promise<RunEventRecord[]> {
  const rows = await db.runEvent.findMany({
    where: { runId, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: limit,
    select: { seq: true, type: true, stepId: true, actor: true, payload: true, createdAt: true },
  });
  return rows.map(toRecord);
}

/**
 * Every event of a run except its output chunks: what state decisions need (step statuses,
 * verdicts, ticks, sign-offs), without reading a 10 MB log or stopping at a page limit.
 * Projections of these are exact except for StepView.output, which stays empty.
 */
export async function readStateEvents(runId: string): Promise<RunEventRecord[]> {
  const rows = await db.runEvent.findMany({
    where: { runId, type: { not: "step.output" } },
    orderBy: { seq: "asc" },
    select: { seq: true, type: true, stepId: true, actor: true, payload: true, createdAt: true },
  });
  return rows.map(toRecord);
}

export function toRecord(row: {
  seq: number;
  type: string;
  stepId: string | null;
  actor: string | null;
  payload: Prisma.JsonValue;
  createdAt: Date;
}): RunEventRecord {
  // The log is written only through appendEvents with typed bodies, so the stored shape is an EventBody.
  const body = { type: row.type, payload: row.payload, ...(row.stepId ? { stepId: row.stepId } : {}) } as unknown as EventBody;
  return { ...body, seq: row.seq, actor: row.actor, at: row.createdAt.toISOString() };
}
