"use server";

import { redirect } from "next/navigation";
import { actionClient } from "@/lib/safe-action";
import { startRun } from "@/lib/runs/service";
import { startRunSchema } from "./schemas";

export const startRunAction = actionClient
  .metadata({ name: "startRun", permission: "run.start" })
  .inputSchema(startRunSchema)
  .action(async ({ parsedInput, ctx }) => {
    const { runId } = await startRun({ ...parsedInput, actor: ctx.actor });
    redirect(`/runs/${runId}`);
  });
