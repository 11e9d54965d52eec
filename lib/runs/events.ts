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
 *
 * One statement (bump, insert, notify): output is appended tens of times a second while a step
 * prints, so each append is one round trip instead of three, and no Prisma query to compile.
 * createdAt is written in UTC, as Prisma does, whatever the server's time zone.
 */
export async function appendEvents(tx: Tx | typeof db, runId: string, actor: string | null, bodies: EventBody[]): Promise<number> {
  if (bodies.length === 0) return 0;
  const rows = bodies.map((b) => ({ type: b.type, stepId: "stepId" in b ? (b.stepId ?? null) : null, payload: b.payload }));
  const bumped = await tx.$queryRaw<{ lastSeq: number }[]>`
    WITH bumped AS (
      UPDATE "Run" SET "lastSeq" = "lastSeq" + ${bodies.length} WHERE id = ${runId} RETURNING "lastSeq"
    ), inserted AS (
      INSERT INTO "RunEvent" ("runId", seq, type, "stepId", actor, payload, "createdAt")
      SELECT ${runId}, b."lastSeq" - ${bodies.length} + e.ord::int, e.row->>'type', e.row->>'stepId', ${actor}, e.row->'payload',
             statement_timestamp() AT TIME ZONE 'UTC'
      FROM bumped b, jsonb_array_elements(${JSON.stringify(rows)}::jsonb) WITH ORDINALITY AS e(row, ord)
    )
    SELECT "lastSeq", pg_notify(${RUN_EVENTS_CHANNEL}, ${runId}::text || ':' || "lastSeq"::text)::text AS notified FROM bumped`;
  const last = bumped[0]?.lastSeq;
  if (last === undefined) throw new Error(`run ${runId} does not exist`);
  return last;
}

/** Appends in a transaction of its own (the one statement is atomic by itself). */
export function appendEventsNow(runId: string, actor: string | null, bodies: EventBody[]): Promise<number> {
  return appendEvents(db, runId, actor, bodies);
}

// The columns toRecord reads.
const RECORD_SELECT = { seq: true, type: true, stepId: true, actor: true, payload: true, createdAt: true } as const;

export async function readEvents(runId: string, afterSeq = 0, limit = 10_000): Promise<RunEventRecord[]> {
  const rows = await db.runEvent.findMany({
    where: { runId, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: limit,
    select: RECORD_SELECT,
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
    select: RECORD_SELECT,
  });
  return rows.map(toRecord);
}

/** The events of a run with these sequence numbers, in order. */
export async function readEventsAt(runId: string, seqs: readonly number[]): Promise<RunEventRecord[]> {
  if (seqs.length === 0) return [];
  const rows = await db.runEvent.findMany({ where: { runId, seq: { in: [...seqs] } }, orderBy: { seq: "asc" }, select: RECORD_SELECT });
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
