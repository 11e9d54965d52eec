"use server";

import { revalidatePath } from "next/cache";
import { addReportComment, reopenReport, setReportField, signOffReport } from "@/lib/reports/review";
import { actionClient, LOCAL_ACTOR } from "@/lib/safe-action";
import { reopenSchema, reportCommentSchema, reportFieldSchema, signOffSchema } from "./schemas";

// The reviewer's commands on a run's report; each appends one event to the run's log.

export const addReportCommentAction = actionClient
  .metadata({ name: "addReportComment" })
  .inputSchema(reportCommentSchema)
  .action(async ({ parsedInput }) => {
    await addReportComment(parsedInput.runId, parsedInput.stepId, parsedInput.text, LOCAL_ACTOR);
    revalidatePath(`/runs/${parsedInput.runId}/report`);
  });

export const setReportFieldAction = actionClient
  .metadata({ name: "setReportField" })
  .inputSchema(reportFieldSchema)
  .action(async ({ parsedInput }) => {
    await setReportField(parsedInput.runId, parsedInput.field, parsedInput.value, LOCAL_ACTOR);
    revalidatePath(`/runs/${parsedInput.runId}/report`);
  });

export const signOffReportAction = actionClient
  .metadata({ name: "signOffReport" })
  .inputSchema(signOffSchema)
  .action(async ({ parsedInput }) => {
    await signOffReport(parsedInput.runId, parsedInput.name, parsedInput.note, LOCAL_ACTOR);
    revalidatePath(`/runs/${parsedInput.runId}/report`);
  });

export const reopenReportAction = actionClient
  .metadata({ name: "reopenReport" })
  .inputSchema(reopenSchema)
  .action(async ({ parsedInput }) => {
    await reopenReport(parsedInput.runId, parsedInput.reason, LOCAL_ACTOR);
    revalidatePath(`/runs/${parsedInput.runId}/report`);
  });
