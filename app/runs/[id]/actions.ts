"use server";

import { actionClient, LOCAL_ACTOR } from "@/lib/safe-action";
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
  .metadata({ name: "queueStep" })
  .inputSchema(queueStepSchema)
  .action(async ({ parsedInput }) => {
    const { attempt } = await queueStep({ ...parsedInput, actor: LOCAL_ACTOR });
    return { attempt };
  });

export const cancelStepAction = actionClient
  .metadata({ name: "cancelStep" })
  .inputSchema(stepRefSchema)
  .action(async ({ parsedInput }) => {
    await cancelStep(parsedInput.runId, parsedInput.stepId, LOCAL_ACTOR);
  });

export const skipStepAction = actionClient
  .metadata({ name: "skipStep" })
  .inputSchema(skipStepSchema)
  .action(async ({ parsedInput }) => {
    await skipStep(parsedInput.runId, parsedInput.stepId, LOCAL_ACTOR, parsedInput.reason);
  });

export const markManualDoneAction = actionClient
  .metadata({ name: "markManualDone" })
  .inputSchema(markManualDoneSchema)
  .action(async ({ parsedInput }) => {
    await markManualDone(parsedInput.runId, parsedInput.stepId, LOCAL_ACTOR, parsedInput.note, parsedInput.output);
  });

export const tickCheckAction = actionClient
  .metadata({ name: "tickCheck" })
  .inputSchema(tickCheckSchema)
  .action(async ({ parsedInput }) => {
    await tickCheck(parsedInput.runId, parsedInput.checkId, parsedInput.checked, LOCAL_ACTOR);
  });

export const fillBlankAction = actionClient
  .metadata({ name: "fillBlank" })
  .inputSchema(fillBlankSchema)
  .action(async ({ parsedInput }) => {
    await fillBlank(parsedInput.runId, parsedInput.blankId, parsedInput.value, LOCAL_ACTOR);
  });

export const acknowledgeVerdictAction = actionClient
  .metadata({ name: "acknowledgeVerdict" })
  .inputSchema(acknowledgeVerdictSchema)
  .action(async ({ parsedInput }) => {
    await acknowledgeVerdict(parsedInput.runId, parsedInput.stepId, parsedInput.note, LOCAL_ACTOR);
  });

export const addCommentAction = actionClient
  .metadata({ name: "addComment" })
  .inputSchema(addCommentSchema)
  .action(async ({ parsedInput }) => {
    await addComment(parsedInput.runId, parsedInput.stepId, parsedInput.text, LOCAL_ACTOR);
  });

export const finishRunAction = actionClient
  .metadata({ name: "finishRun" })
  .inputSchema(finishRunSchema)
  .action(async ({ parsedInput }) => {
    await finishRun(parsedInput.runId, parsedInput.status, parsedInput.note, LOCAL_ACTOR);
  });
