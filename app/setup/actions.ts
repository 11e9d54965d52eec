"use server";

import { completeSetup } from "@/lib/auth/users";
import { publicActionClient } from "@/lib/safe-action";
import { setupSchema } from "./schemas";

// The first admin, from the one-time link the desk printed at start (lib/auth/users.ts).
export const completeSetupAction = publicActionClient
  .metadata({ name: "completeSetup", permission: "public" })
  .inputSchema(setupSchema)
  .action(async ({ parsedInput }) => {
    const { token, ...account } = parsedInput;
    await completeSetup(token, account);
    return { email: account.email };
  });
