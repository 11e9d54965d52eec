import { z } from "zod";

export const startRunSchema = z.object({
  runbookSlug: z.string().trim().min(1).max(120),
  versionNumber: z.number().int().positive().optional(),
  targetName: z.string().trim().min(1, "Choose a target.").max(100),
  scenario: z.string().trim().min(1).max(100).nullable(),
  drill: z.boolean(),
  // Values for the variables the runbook needs and no target provides (asked once, here).
  variables: z.record(z.string().regex(/^[A-Z0-9_]{1,100}$/, "Variable names are upper-case words."), z.string().max(10_000)),
});

export type StartRunInput = z.infer<typeof startRunSchema>;

// The page's state lives in the URL so a runbook page can link straight to a prepared start.
export const startSearchSchema = z.object({
  runbook: z.string().regex(/^[a-z0-9-]{1,120}$/).optional().catch(undefined),
  version: z.coerce.number().int().positive().optional().catch(undefined),
  scenario: z.string().regex(/^[a-z0-9-]{1,100}$/).optional().catch(undefined),
  target: z.string().max(100).optional().catch(undefined),
});
