"use server";

import { revalidatePath } from "next/cache";
import { createLocalUser, grantRole, revokeGrant, revokeUserSessions, setLocalPassword } from "@/lib/auth/users";
import { actionClient } from "@/lib/safe-action";
import { createUserSchema, grantRoleSchema, resetPasswordSchema, revokeRoleSchema, userRefSchema } from "./schemas";

// User administration (admin only, per the metadata permission); every call lands in the audit
// trail through the action middleware, passwords withheld.

export const createUserAction = actionClient
  .metadata({ name: "createUser", permission: "user.manage" })
  .inputSchema(createUserSchema)
  .action(async ({ parsedInput }) => {
    const { id } = await createLocalUser(parsedInput);
    revalidatePath("/admin/users");
    return { id };
  });

export const grantRoleAction = actionClient
  .metadata({ name: "grantRole", permission: "user.manage" })
  .inputSchema(grantRoleSchema)
  .action(async ({ parsedInput, ctx }) => {
    await grantRole(parsedInput.userId, parsedInput.role, parsedInput.targetName, ctx.actor);
    revalidatePath("/admin/users");
  });

export const revokeRoleAction = actionClient
  .metadata({ name: "revokeRole", permission: "user.manage" })
  .inputSchema(revokeRoleSchema)
  .action(async ({ parsedInput }) => {
    await revokeGrant(parsedInput.grantId);
    revalidatePath("/admin/users");
  });

export const resetPasswordAction = actionClient
  .metadata({ name: "resetPassword", permission: "user.manage" })
  .inputSchema(resetPasswordSchema)
  .action(async ({ parsedInput }) => {
    await setLocalPassword(parsedInput.userId, parsedInput.password);
  });

export const revokeSessionsAction = actionClient
  .metadata({ name: "revokeSessions", permission: "user.manage" })
  .inputSchema(userRefSchema)
  .action(async ({ parsedInput }) => {
    await revokeUserSessions(parsedInput.userId);
    revalidatePath("/admin/users");
  });
