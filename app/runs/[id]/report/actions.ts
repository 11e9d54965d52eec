"use server";

import { revalidatePath } from "next/cache";
import { addReportComment, reopenReport, setReportField, signOffReport } from "@/lib/reports/review";
import { actionClient } from "@/lib/safe-action";
import { reopenSchema, reportCommentSchema, reportFieldSchema, signOffSchema } from "./schemas";

// The reviewer's commands on a run's report; each appends one event to the run's log.

export const addReportCommentAction = actionClient
  .metadata({ name: "addReportComment", permission: "report.review" })
  .inputSchema(reportCommentSchema)
  .action(async ({ parsedInput, ctx }) => {
    await addReportComment(parsedInput.runId, parsedInput.stepId, parsedInput.text, ctx.actor);
    revalidatePath(`/runs/${parsedInput.runId}/report`);
  });

export const setReportFieldAction = actionClient
  .metadata({ name: "setReportField", permission: "report.review" })
  .inputSchema(reportFieldSchema)
  .action(async ({ parsedInput, ctx }) => {
    await setReportField(parsedInput.runId, parsedInput.field, parsedInput.value, ctx.actor);
    revalidatePath(`/runs/${parsedInput.runId}/report`);
  });

export const signOffReportAction = actionClient
  .metadata({ name: "signOffReport", permission: "report.sign_off" })
  .inputSchema(signOffSchema)
  .action(async ({ parsedInput, ctx }) => {
    await signOffReport(parsedInput.runId, parsedInput.name, parsedInput.note, ctx.actor);
    revalidatePath(`/runs/${parsedInput.runId}/report`);
  });

export const reopenReportAction = actionClient
  .metadata({ name: "reopenReport", permission: "report.sign_off" })
  .inputSchema(reopenSchema)
  .action(async ({ parsedInput, ctx }) => {
    await reopenReport(parsedInput.runId, parsedInput.reason, ctx.actor);
    revalidatePath(`/runs/${parsedInput.runId}/report`);
  });
