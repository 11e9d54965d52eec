"use server";

import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/safe-action";
import { saveTarget } from "@/lib/services/targets";
import { saveTargetSchema } from "./schemas";

// Admins add targets or change them (protection, description, connection). The URL is sealed
// at rest and withheld from the audit trail.
export const saveTargetAction = actionClient
  .metadata({ name: "saveTarget", permission: "target.manage" })
  .inputSchema(saveTargetSchema)
  .action(async ({ parsedInput }) => {
    await saveTarget({ name: parsedInput.targetName, url: parsedInput.url || undefined, protected: parsedInput.protected, description: parsedInput.description });
    revalidatePath("/targets");
  });
