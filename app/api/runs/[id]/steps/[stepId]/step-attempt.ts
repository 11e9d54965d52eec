import { z } from "zod";
import { HttpError } from "@/lib/http/route";
import { latestAttempt } from "@/lib/runs/step-output-export";

// Shared by the step output routes (output: the download; earlier: the head the run page left out).

export const stepParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), stepId: z.string().min(1).max(200) });

const attemptSchema = z.coerce.number().int().min(1).max(1_000_000);

/** The attempt ?attempt= names (the latest when absent), refused unless the step has run it. */
export async function requestedAttempt(runId: string, stepId: string, raw: string | null): Promise<number> {
  const asked = raw === null ? null : attemptSchema.safeParse(raw);
  if (asked && !asked.success) throw new HttpError(400, "`attempt` must be a whole number from 1.");
  const latest = await latestAttempt(runId, stepId);
  if (latest === null) throw new HttpError(404, "This step has not run in this run: there is no output.");
  if (!asked) return latest;
  if (asked.data > latest) throw new HttpError(404, `This step has no attempt ${asked.data} (the latest is ${latest}).`);
  return asked.data;
}
