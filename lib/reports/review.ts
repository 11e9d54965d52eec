import "server-only";
import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";
import type { ParsedRunbook } from "@/lib/importer/types";
import type { EventBody } from "@/lib/runs/event-types";
import { appendEvents, type Tx } from "@/lib/runs/events";
import { INCIDENT_FIELD_KEYS } from "./incident-fields";

// The reviewer's commands on a run's report. Each is an event in the run's log (so the report
// stays a projection of it), appended under the run's row lock so two reviewers act in order.

async function lockRun(tx: Tx, runId: string): Promise<{ status: string; signedOff: boolean }> {
  const run = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM "Run" WHERE id = ${runId} FOR UPDATE`;
  if (!run[0]) throw new SafeError("No such run.");
  const last = await tx.runEvent.findFirst({
    where: { runId, type: { in: ["report.signed_off", "report.reopened"] } },
    orderBy: { seq: "desc" },
    select: { type: true },
  });
  return { status: run[0].status, signedOff: last?.type === "report.signed_off" };
}

async function review(runId: string, actor: string, check: (s: { status: string; signedOff: boolean }) => void, body: EventBody): Promise<void> {
  await db.$transaction(async (tx) => {
    check(await lockRun(tx, runId));
    await appendEvents(tx, runId, actor, [body]);
  });
}

export async function addReportComment(runId: string, stepId: string | null, text: string, actor: string): Promise<void> {
  if (stepId) {
    const run = await db.run.findUnique({ where: { id: runId }, select: { version: { select: { parsed: true } } } });
    const parsed = run?.version.parsed as unknown as ParsedRunbook | undefined;
    if (!parsed?.steps.some((s) => s.id === stepId)) throw new SafeError("This runbook has no such step.");
  }
  await review(runId, actor, () => undefined, { type: "report.commented", ...(stepId ? { stepId } : {}), payload: { text } });
}

export async function setReportField(runId: string, field: string, value: string, actor: string): Promise<void> {
  if (!INCIDENT_FIELD_KEYS.includes(field)) throw new SafeError("No such report field.");
  await review(
    runId,
    actor,
    (s) => {
      if (s.signedOff) throw new SafeError("The report is signed off; reopen it to change it.");
    },
    { type: "report.field_set", payload: { field, value } },
  );
}

export async function signOffReport(runId: string, name: string, note: string, actor: string): Promise<void> {
  await review(
    runId,
    actor,
    (s) => {
      if (s.status === "active") throw new SafeError("The run is still in progress; finish it before signing off.");
      if (s.signedOff) throw new SafeError("The report is already signed off.");
    },
    { type: "report.signed_off", payload: { name, note } },
  );
}

export async function reopenReport(runId: string, reason: string, actor: string): Promise<void> {
  await review(
    runId,
    actor,
    (s) => {
      if (!s.signedOff) throw new SafeError("The report is not signed off.");
    },
    { type: "report.reopened", payload: { reason } },
  );
}
