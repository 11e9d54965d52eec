import "server-only";
import { randomUUID } from "node:crypto";
import { unseal } from "@/lib/crypto";
import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";
import type { Step } from "@/lib/importer/types";
import { needsApproval } from "./approval-rule";
import { appendEvents } from "./events";
import { projectRun, type ApprovalView } from "./project";
import { readStateEvents } from "./events";
import { isSecretName } from "./variables";

// The two-person rule: on a protected target, a destructive step — or one the runbook marks with
// the fence attribute `approval=required` — runs only after a second commander approved exactly
// what will run. One approval covers one execution; rehearsals (rolled back) need none.


export interface Approver {
  id: string;
  label: string;
}

async function runForApproval(runId: string, stepId: string) {
  const run = await db.run.findUnique({
    where: { id: runId },
    select: { status: true, inputsSealed: true, target: { select: { name: true, protected: true } }, version: { select: { parsed: true } } },
  });
  if (!run) throw new SafeError("No such run.");
  if (run.status !== "active") throw new SafeError("This run is finished.");
  const steps = (run.version.parsed as unknown as { steps: Step[] }).steps;
  const step = steps.find((s) => s.id === stepId);
  if (!step) throw new SafeError(`This runbook has no step "${stepId}".`);
  if (!needsApproval(step, run.target.protected)) throw new SafeError("This step does not need an approval.");
  return { run, step };
}

/** The run's inputs this step references, secret ones masked: part of what the approver sees. */
function referencedInputs(step: Step, inputsSealed: string | null): Record<string, string> {
  const inputs = inputsSealed ? (JSON.parse(unseal(inputsSealed)) as Record<string, string>) : {};
  return Object.fromEntries(
    step.variables.filter((v) => v in inputs).map((v) => [v, isSecretName(v) ? "••••••" : (inputs[v] ?? "")]),
  );
}

export async function currentApproval(runId: string, stepId: string): Promise<ApprovalView | null> {
  return projectRun(await readStateEvents(runId)).approvals[stepId] ?? null;
}

export async function requestApproval(runId: string, stepId: string, by: Approver, reason: string): Promise<{ approvalId: string }> {
  const { run, step } = await runForApproval(runId, stepId);
  const current = await currentApproval(runId, stepId);
  if (current?.state === "requested") throw new SafeError("An approval for this step is already waiting for a second commander.");
  if (current?.state === "granted" || current?.state === "break_glass") throw new SafeError("This step is already approved; run it.");
  const approvalId = randomUUID();
  await db.$transaction((tx) =>
    appendEvents(tx, runId, by.label, [
      {
        type: "approval.requested",
        stepId,
        payload: {
          approvalId,
          requestedById: by.id,
          command: step.code,
          targetName: run.target.name,
          variables: referencedInputs(step, run.inputsSealed),
          reason,
        },
      },
    ]),
  );
  return { approvalId };
}

export async function decideApproval(runId: string, stepId: string, approvalId: string, by: Approver, decision: "approve" | "reject", text: string): Promise<void> {
  await runForApproval(runId, stepId);
  await db.$transaction(async (tx) => {
    // The run's row lock (taken by appendEvents' seq bump) is what serialises decisions; take it
    // before reading the state so two approvers cannot both decide.
    await tx.$queryRaw`SELECT id FROM "Run" WHERE id = ${runId} FOR UPDATE`;
    const current = projectRun(await readStateEvents(runId)).approvals[stepId];
    if (!current || current.approvalId !== approvalId) throw new SafeError("That approval request is no longer current.");
    if (current.state !== "requested") throw new SafeError(`That request was already ${current.state === "rejected" ? "rejected" : "decided"}.`);
    if (current.requestedById === by.id) throw new SafeError("You requested this approval: a second commander must decide it.");
    await appendEvents(tx, runId, by.label, [
      decision === "approve"
        ? { type: "approval.granted", stepId, payload: { approvalId, approvedById: by.id, note: text } }
        : { type: "approval.rejected", stepId, payload: { approvalId, rejectedById: by.id, reason: text } },
    ]);
  });
}

/** An admin's emergency path: recorded as loudly as we can, then the step may run once. */
export async function breakGlass(runId: string, stepId: string, by: Approver, reason: string, confirmation: string): Promise<{ approvalId: string }> {
  const { run, step } = await runForApproval(runId, stepId);
  if (confirmation.trim() !== run.target.name) throw new SafeError(`Type the target's name ("${run.target.name}") to break glass.`);
  const approvalId = randomUUID();
  await db.$transaction((tx) =>
    appendEvents(tx, runId, by.label, [
      { type: "approval.break_glass", stepId, payload: { approvalId, byId: by.id, reason, command: step.code, targetName: run.target.name } },
    ]),
  );
  console.warn(`[break-glass] ${by.label} ran step ${stepId} of run ${runId} on ${run.target.name} without a second approval: ${reason}`);
  return { approvalId };
}

/** The approval a queued execution may use, or why it may not run yet. */
export function usableApproval(approval: ApprovalView | null | undefined): string {
  if (approval?.state === "granted" || approval?.state === "break_glass") return approval.approvalId;
  const why =
    approval?.state === "requested"
      ? "its approval request is waiting for a second commander"
      : approval?.state === "rejected"
        ? "its approval was rejected; request a new one"
        : approval?.state === "used"
          ? "its approval was used by the previous execution; request a new one"
          : "it needs a second commander's approval first";
  throw new SafeError(`This step changes a protected target: ${why}.`);
}
