"use server";

import { redirect } from "next/navigation";
import { actionClient, LOCAL_ACTOR } from "@/lib/safe-action";
import { startRun } from "@/lib/runs/service";
import { startRunSchema } from "./schemas";

export const startRunAction = actionClient
  .metadata({ name: "startRun" })
  .inputSchema(startRunSchema)
  .action(async ({ parsedInput }) => {
    const { runId } = await startRun({ ...parsedInput, actor: LOCAL_ACTOR });
    redirect(`/runs/${runId}`);
  });
