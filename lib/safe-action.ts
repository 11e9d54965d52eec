import "server-only";
import { createSafeActionClient } from "next-safe-action";
import { z } from "zod";
import { GENERIC_ERROR, SafeError } from "@/lib/errors";

// Every mutation is an action built from this client (house style 4–6): zod-validated input,
// a metadata name for logs and the authorization table, SafeError messages shown to the user,
// anything else logged and replaced by a generic message. Authorization middleware is added on
// `actionClient` by the identity issue, before any handler runs.
export const actionClient = createSafeActionClient({
  defineMetadataSchema: () => z.object({ name: z.string().min(1) }),
  handleServerError(error, utils) {
    if (error instanceof SafeError) return error.message;
    console.error(`[action ${utils.metadata?.name ?? "unknown"}]`, error);
    return GENERIC_ERROR;
  },
});

/** Who is acting. Until sign-in lands every request acts as the local operator. */
export const LOCAL_ACTOR = "local-operator";
