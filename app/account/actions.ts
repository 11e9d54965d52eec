"use server";

import { z } from "zod";
import { revokeUserSessions } from "@/lib/auth/users";
import { actionClient } from "@/lib/safe-action";

/** Signs the current user out on every device and browser, this one included. */
export const signOutEverywhereAction = actionClient
  .metadata({ name: "signOutEverywhere", permission: "account.self" })
  .inputSchema(z.object({}))
  .action(async ({ ctx }) => {
    await revokeUserSessions(ctx.user.id);
  });
