"use server";

import { allows } from "@/lib/auth/permissions";
import { actionClient } from "@/lib/safe-action";
import {
  acknowledgeVerdict,
  addComment,
  cancelStep,
  fillBlank,
  finishRun,
  markManualDone,
  queueStep,
  skipStep,
  tickCheck,
} from "@/lib/runs/service";
import {
  acknowledgeVerdictSchema,
  addCommentSchema,
  fillBlankSchema,
  finishRunSchema,
  markManualDoneSchema,
  queueStepSchema,
  skipStepSchema,
  stepRefSchema,
  tickCheckSchema,
} from "./schemas";

// One action per run command. The live page learns the outcome from the event log (it polls
// right after each action), so actions return only what the button needs to say.

export const queueStepAction = actionClient
  .metadata({ name: "queueStep", permission: "step.run" })
  .inputSchema(queueStepSchema)
  .action(async ({ parsedInput, ctx }) => {
    const allowDestructive = allows(ctx.user.grants, "step.run_destructive", ctx.targetName);
    const { attempt } = await queueStep({ ...parsedInput, actor: ctx.actor, allowDestructive });
    return { attempt };
  });

export const cancelStepAction = actionClient
  .metadata({ name: "cancelStep", permission: "step.cancel" })
  .inputSchema(stepRefSchema)
  .action(async ({ parsedInput, ctx }) => {
    await cancelStep(parsedInput.runId, parsedInput.stepId, ctx.actor);
  });

export const skipStepAction = actionClient
  .metadata({ name: "skipStep", permission: "step.skip" })
  .inputSchema(skipStepSchema)
  .action(async ({ parsedInput, ctx }) => {
    await skipStep(parsedInput.runId, parsedInput.stepId, ctx.actor, parsedInput.reason);
  });

export const markManualDoneAction = actionClient
  .metadata({ name: "markManualDone", permission: "step.manual_done" })
  .inputSchema(markManualDoneSchema)
  .action(async ({ parsedInput, ctx }) => {
    await markManualDone(parsedInput.runId, parsedInput.stepId, ctx.actor, parsedInput.note, parsedInput.output);
  });

export const tickCheckAction = actionClient
  .metadata({ name: "tickCheck", permission: "check.tick" })
  .inputSchema(tickCheckSchema)
  .action(async ({ parsedInput, ctx }) => {
    await tickCheck(parsedInput.runId, parsedInput.checkId, parsedInput.checked, ctx.actor);
  });

export const fillBlankAction = actionClient
  .metadata({ name: "fillBlank", permission: "blank.fill" })
  .inputSchema(fillBlankSchema)
  .action(async ({ parsedInput, ctx }) => {
    await fillBlank(parsedInput.runId, parsedInput.blankId, parsedInput.value, ctx.actor);
  });

export const acknowledgeVerdictAction = actionClient
  .metadata({ name: "acknowledgeVerdict", permission: "step.acknowledge" })
  .inputSchema(acknowledgeVerdictSchema)
  .action(async ({ parsedInput, ctx }) => {
    await acknowledgeVerdict(parsedInput.runId, parsedInput.stepId, parsedInput.note, ctx.actor);
  });

export const addCommentAction = actionClient
  .metadata({ name: "addComment", permission: "run.comment" })
  .inputSchema(addCommentSchema)
  .action(async ({ parsedInput, ctx }) => {
    await addComment(parsedInput.runId, parsedInput.stepId, parsedInput.text, ctx.actor);
  });

export const finishRunAction = actionClient
  .metadata({ name: "finishRun", permission: "run.finish" })
  .inputSchema(finishRunSchema)
  .action(async ({ parsedInput, ctx }) => {
    await finishRun(parsedInput.runId, parsedInput.status, parsedInput.note, ctx.actor);
  });
