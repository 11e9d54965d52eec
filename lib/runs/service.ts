import "server-only";
import { db } from "@/lib/db";
import { seal } from "@/lib/crypto";
import { SafeError } from "@/lib/errors";
import type { ParsedRunbook, Step } from "@/lib/importer/types";
import { targetConnectionUrl } from "@/lib/services/targets";
import type { EventBody, StepStatus } from "./event-types";
import { appendEvents, readEvents, readStateEvents, type Tx } from "./events";
import { needsApproval } from "./approval-rule";
import { usableApproval } from "./approvals";
import { computePreflight } from "./preflight";
import { projectRun, TERMINAL, unacknowledgedFailures } from "./project";
import { isSecretName } from "./variables";

// Commands on a run. Each validates against the current state under the run's row lock
// (appendEvents bumps Run.lastSeq first thing), appends events and updates the StepRun
// projection in the same transaction, so two people clicking at once act exactly once.

export const RUN_STEP_TASK = "run_step";
const RETRYABLE: ReadonlySet<string> = new Set(["pending", "failed", "cancelled", "timed_out", "interrupted"]);

export interface StartRunInput {
  runbookSlug: string;
  versionNumber?: number;
  targetName: string;
  scenario: string | null;
  variables: Record<string, string>;
  drill: boolean;
  actor: string;
}

async function loadVersion(slug: string, number?: number) {
  const runbook = await db.runbook.findUnique({
    where: { slug },
    select: { id: true, title: true, versions: { orderBy: { number: "desc" }, select: { id: true, number: true } } },
  });
  const chosen = number === undefined ? runbook?.versions[0] : runbook?.versions.find((v) => v.number === number);
  if (!runbook || !chosen) throw new SafeError(`No runbook "${slug}"${number ? ` version ${number}` : ""}.`);
  const version = await db.runbookVersion.findUniqueOrThrow({ where: { id: chosen.id }, select: { id: true, number: true, parsed: true } });
  return { runbook, version: { ...version, parsed: version.parsed as unknown as ParsedRunbook } };
}

export async function startRun(input: StartRunInput): Promise<{ runId: string }> {
  const { runbook, version } = await loadVersion(input.runbookSlug, input.versionNumber);
  const target = await db.target.findUnique({ where: { name: input.targetName }, select: { id: true, name: true, protected: true } });
  if (!target) throw new SafeError(`No target named "${input.targetName}".`);
  if (input.scenario && !version.parsed.scenarios.some((s) => s.id === input.scenario)) {
    throw new SafeError(`This runbook has no scenario "${input.scenario}".`);
  }
  if (input.drill && target.protected) throw new SafeError("Drills run on non-production targets only.");
  const url = await targetConnectionUrl(target.name).catch(() => null);
  const preflight = await computePreflight(version.parsed, { targetUrl: url, inputs: input.variables });
  const masked = Object.fromEntries(Object.entries(input.variables).map(([k, v]) => [k, isSecretName(k) ? "••••••" : v]));
  const run = await db.$transaction(async (tx) => {
    const created = await tx.run.create({
      data: {
        versionId: version.id,
        targetId: target.id,
        scenario: input.scenario,
        startedBy: input.actor,
        drill: input.drill,
        // Inputs with their real values for the runner; secret ones never enter the event log.
        inputsSealed: seal(JSON.stringify(input.variables)),
        stepRuns: { create: version.parsed.steps.map((s) => ({ stepId: s.id })) },
      },
      select: { id: true },
    });
    await appendEvents(tx, created.id, input.actor, [
      {
        type: "run.created",
        payload: {
          runbook: { slug: input.runbookSlug, title: runbook.title, version: version.number },
          target: { name: target.name, protected: target.protected },
          scenario: input.scenario,
          drill: input.drill,
          variables: masked,
        },
      },
      { type: "run.preflight", payload: { steps: preflight } },
    ]);
    return created;
  });
  return { runId: run.id };
}

export interface RunContext {
  runId: string;
  status: string;
  targetName: string;
  targetProtected: boolean;
  parsed: ParsedRunbook;
}

export async function loadRunContext(runId: string): Promise<RunContext> {
  const run = await db.run.findUnique({
    where: { id: runId },
    select: { id: true, status: true, target: { select: { name: true, protected: true } }, version: { select: { parsed: true } } },
  });
  if (!run) throw new SafeError("No such run.");
  return {
    runId: run.id,
    status: run.status,
    targetName: run.target.name,
    targetProtected: run.target.protected,
    parsed: run.version.parsed as unknown as ParsedRunbook,
  };
}

function findStep(parsed: ParsedRunbook, stepId: string): Step {
  const step = parsed.steps.find((s) => s.id === stepId);
  if (!step) throw new SafeError(`This runbook has no step "${stepId}".`);
  return step;
}

async function lockStep(tx: Tx, runId: string, stepId: string) {
  // Row lock on the run first (same order as appendEvents), then read the step projection.
  const run = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM "Run" WHERE id = ${runId} FOR UPDATE`;
  if (!run[0]) throw new SafeError("No such run.");
  const step = await tx.stepRun.findUnique({ where: { runId_stepId: { runId, stepId } } });
  if (!step) throw new SafeError(`No step "${stepId}" in this run.`);
  return { runStatus: run[0].status, step };
}

export interface QueueStepInput {
  runId: string;
  stepId: string;
  actor: string;
  confirmation: string | null;
  rehearsal: boolean;
  // Whether the actor may run destructive steps (commanders, not operators). Server actions
  // always pass it; the server's own tools (CLI, benchmarks) leave it out and act with full rights.
  allowDestructive?: boolean;
}

export async function queueStep(input: QueueStepInput): Promise<{ attempt: number }> {
  const ctx = await loadRunContext(input.runId);
  const step = findStep(ctx.parsed, input.stepId);
  const events = await readEvents(input.runId, 0, 2);
  const preflight = projectRun(events).preflight[input.stepId];
  if (preflight && !preflight.runnable) {
    throw new SafeError(`This step cannot run here (${preflight.reason ?? "manual"}); mark it done by hand instead.`);
  }
  if (input.rehearsal && !step.commands.every((c) => c.executor === "sql")) {
    throw new SafeError("Rehearsal is available for SQL steps only.");
  }
  if (step.destructive && !input.rehearsal && input.allowDestructive === false) {
    throw new SafeError("Not allowed: this step changes the target, so it needs the commander role (operators run non-destructive steps).");
  }
  if (step.destructive && !input.rehearsal && input.confirmation?.trim() !== ctx.targetName) {
    throw new SafeError(`This step changes the target. Type the target's name ("${ctx.targetName}") to confirm.`);
  }
  return db.$transaction(async (tx) => {
    const { runStatus, step: sr } = await lockStep(tx, input.runId, input.stepId);
    if (runStatus !== "active") throw new SafeError("This run is finished.");
    // A rehearsal changes nothing, so a rehearsed step can still be run for real.
    const rehearsedOnly = sr.status === "succeeded" && sr.rehearsal;
    if (!RETRYABLE.has(sr.status) && !rehearsedOnly) {
      throw new SafeError(
        sr.status === "queued" || sr.status === "running" ? "This step is already running." : `This step is already ${sr.status.replace("_", " ")}.`,
      );
    }
    // Read after the run's row lock: an approval decided concurrently is either seen or waits.
    const approvalId =
      needsApproval(step, ctx.targetProtected) && !input.rehearsal
        ? usableApproval(projectRun(await readStateEvents(input.runId)).approvals[input.stepId])
        : null;
    const attempt = sr.attempt + 1;
    await appendEvents(tx, input.runId, input.actor, [
      { type: "step.queued", stepId: input.stepId, payload: { attempt, rehearsal: input.rehearsal, confirmation: input.confirmation, approvalId } },
    ]);
    await tx.stepRun.update({
      where: { runId_stepId: { runId: input.runId, stepId: input.stepId } },
      data: { status: "queued", attempt, rehearsal: input.rehearsal, cancelRequested: false, startedAt: null, finishedAt: null, runnerId: null },
    });
    const payload = JSON.stringify({ runId: input.runId, stepId: input.stepId, attempt });
    await tx.$executeRaw`SELECT graphile_worker.add_job(${RUN_STEP_TASK}, ${payload}::json, max_attempts := 1, job_key := ${`${input.runId}:${input.stepId}:${attempt}`})`;
    return { attempt };
  });
}

export async function cancelStep(runId: string, stepId: string, actor: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const { step } = await lockStep(tx, runId, stepId);
    if (step.status === "queued") {
      // Not picked up yet: the runner skips jobs whose step is no longer queued.
      await appendEvents(tx, runId, actor, [
        {
          type: "step.finished",
          stepId,
          payload: { attempt: step.attempt, status: "cancelled", exitCode: null, error: "Cancelled before it started.", durationMs: 0, verdicts: [], produced: {}, rehearsal: step.rehearsal },
        },
      ]);
      await tx.stepRun.update({ where: { runId_stepId: { runId, stepId } }, data: { status: "cancelled", finishedAt: new Date() } });
      return;
    }
    if (step.status !== "running") throw new SafeError(`Nothing to cancel: the step is ${step.status}.`);
    await appendEvents(tx, runId, actor, [{ type: "step.cancel_requested", stepId, payload: { attempt: step.attempt } }]);
    await tx.stepRun.update({ where: { runId_stepId: { runId, stepId } }, data: { cancelRequested: true } });
  });
}

async function settleStep(runId: string, stepId: string, actor: string, allowed: ReadonlySet<string>, status: StepStatus, body: EventBody): Promise<void> {
  await db.$transaction(async (tx) => {
    const { runStatus, step } = await lockStep(tx, runId, stepId);
    if (runStatus !== "active") throw new SafeError("This run is finished.");
    if (!allowed.has(step.status)) throw new SafeError(`The step is ${step.status.replace("_", " ")}; that is not possible now.`);
    await appendEvents(tx, runId, actor, [body]);
    await tx.stepRun.update({ where: { runId_stepId: { runId, stepId } }, data: { status, finishedAt: new Date() } });
  });
}

export function skipStep(runId: string, stepId: string, actor: string, reason: string): Promise<void> {
  return settleStep(runId, stepId, actor, RETRYABLE, "skipped", { type: "step.skipped", stepId, payload: { reason } });
}

export function markManualDone(runId: string, stepId: string, actor: string, note: string, output: string): Promise<void> {
  return settleStep(runId, stepId, actor, RETRYABLE, "done_manually", { type: "step.manual_done", stepId, payload: { note, output } });
}

async function appendSimple(runId: string, actor: string, body: EventBody): Promise<void> {
  await db.$transaction(async (tx) => {
    const run = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM "Run" WHERE id = ${runId} FOR UPDATE`;
    if (!run[0]) throw new SafeError("No such run.");
    if (run[0].status !== "active" && body.type !== "comment.added") throw new SafeError("This run is finished.");
    await appendEvents(tx, runId, actor, [body]);
  });
}

export async function tickCheck(runId: string, checkId: string, checked: boolean, actor: string): Promise<void> {
  const ctx = await loadRunContext(runId);
  if (!ctx.parsed.checks.some((c) => c.id === checkId)) throw new SafeError("No such checklist item.");
  await appendSimple(runId, actor, { type: "check.ticked", payload: { checkId, checked } });
}

export async function fillBlank(runId: string, blankId: string, value: string, actor: string, fromStep: string | null = null): Promise<void> {
  const ctx = await loadRunContext(runId);
  if (!ctx.parsed.blanks.some((b) => b.id === blankId)) throw new SafeError("No such blank.");
  await appendSimple(runId, actor, { type: "blank.filled", payload: { blankId, value, fromStep } });
}

export async function acknowledgeVerdict(runId: string, stepId: string, note: string, actor: string): Promise<void> {
  const view = projectRun(await readStateEvents(runId));
  if (!view.steps[stepId]?.verdicts.some((v) => v.outcome === "fail")) throw new SafeError("This step has no failed verification.");
  await appendSimple(runId, actor, { type: "verdict.acknowledged", stepId, payload: { note } });
}

export async function addComment(runId: string, stepId: string | null, text: string, actor: string): Promise<void> {
  await appendSimple(runId, actor, { type: "comment.added", ...(stepId ? { stepId } : {}), payload: { text } });
}

/** How people see a step: its number on the page and its title. */
function stepLabel(parsed: ParsedRunbook, stepId: string): string {
  const i = parsed.steps.findIndex((s) => s.id === stepId);
  return i < 0 ? stepId : `#${i + 1} ${parsed.steps[i]?.title ?? ""}`.trim();
}

export async function finishRun(runId: string, status: "succeeded" | "failed" | "aborted", note: string, actor: string): Promise<void> {
  const { parsed } = await loadRunContext(runId);
  const view = projectRun(await readStateEvents(runId));
  const busy = Object.entries(view.steps).filter(([, s]) => s.status === "queued" || s.status === "running");
  if (busy.length) throw new SafeError(`Wait for running steps to finish first (${busy.map(([id]) => stepLabel(parsed, id)).join(", ")}).`);
  if (status === "succeeded") {
    const blocking = unacknowledgedFailures(view);
    if (blocking.length) {
      throw new SafeError(`Failed verifications must be acknowledged first: ${blocking.map((id) => stepLabel(parsed, id)).join(", ")}.`);
    }
  }
  await db.$transaction(async (tx) => {
    const run = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM "Run" WHERE id = ${runId} FOR UPDATE`;
    if (run[0]?.status !== "active") throw new SafeError("This run is already finished.");
    await appendEvents(tx, runId, actor, [{ type: "run.finished", payload: { status, note } }]);
    await tx.run.update({ where: { id: runId }, data: { status, finishedAt: new Date() } });
  });
}

export function isTerminal(status: string): boolean {
  return TERMINAL.has(status as StepStatus);
}
