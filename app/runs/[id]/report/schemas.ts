import { z } from "zod";
import { INCIDENT_FIELD_KEYS } from "@/lib/reports/incident-fields";

// Inputs of the reviewer's commands (actions.ts); the service re-checks them against the run.

const runId = z.string().trim().min(1).max(64);

export const reportCommentSchema = z.object({
  runId,
  stepId: z.string().trim().min(1).max(200).nullable(),
  text: z.string().trim().min(1, "Write a comment first.").max(5000),
});

export const reportFieldSchema = z.object({
  runId,
  field: z.enum(INCIDENT_FIELD_KEYS),
  value: z.string().trim().max(5000),
});

export const signOffSchema = z.object({
  runId,
  name: z.string().trim().min(1, "Type your name to sign off.").max(200),
  note: z.string().trim().max(2000),
});

export const reopenSchema = z.object({
  runId,
  reason: z.string().trim().min(1, "Say why the report is reopened.").max(2000),
});

export type ReportFieldInput = z.infer<typeof reportFieldSchema>;
