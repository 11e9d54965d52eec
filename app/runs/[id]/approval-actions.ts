"use server";

import { breakGlass, decideApproval, requestApproval } from "@/lib/runs/approvals";
import { queueStep } from "@/lib/runs/service";
import { actionClient } from "@/lib/safe-action";
import { breakGlassSchema, decideApprovalSchema, requestApprovalSchema } from "./schemas";

// The two-person rule's commands (lib/runs/approvals.ts). Who may call each is the permission in
// its metadata; that approver and requester differ is checked by the service, on user ids.

export const requestApprovalAction = actionClient
  .metadata({ name: "requestApproval", permission: "step.request_approval" })
  .inputSchema(requestApprovalSchema)
  .action(async ({ parsedInput, ctx }) => {
    return requestApproval(parsedInput.runId, parsedInput.stepId, { id: ctx.user.id, label: ctx.actor }, parsedInput.reason);
  });

export const decideApprovalAction = actionClient
  .metadata({ name: "decideApproval", permission: "step.approve" })
  .inputSchema(decideApprovalSchema)
  .action(async ({ parsedInput, ctx }) => {
    const { runId, stepId, approvalId, decision, note } = parsedInput;
    await decideApproval(runId, stepId, approvalId, { id: ctx.user.id, label: ctx.actor }, decision, note);
  });

export const breakGlassAction = actionClient
  .metadata({ name: "breakGlass", permission: "step.break_glass" })
  .inputSchema(breakGlassSchema)
  .action(async ({ parsedInput, ctx }) => {
    const { runId, stepId, reason, confirmation } = parsedInput;
    await breakGlass(runId, stepId, { id: ctx.user.id, label: ctx.actor }, reason, confirmation);
    const { attempt } = await queueStep({ runId, stepId, actor: ctx.actor, confirmation, rehearsal: false, allowDestructive: true });
    return { attempt };
  });
