import "server-only";
import { headers } from "next/headers";
import { createSafeActionClient } from "next-safe-action";
import { z } from "zod";
import { auditDetail, tryAppendAudit, type AuditOutcome } from "@/lib/audit/append";
import { actorLabel } from "@/lib/auth/actor-label";
import { authorize, ForbiddenError, scopeOfInput, UnauthenticatedError } from "@/lib/auth/authorize";
import { PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { clientIp } from "@/lib/auth/client-ip";
import { userFromHeaders, type DeskUser } from "@/lib/auth/session";
import { GENERIC_ERROR, SafeError } from "@/lib/errors";

const permissionNames = Object.keys(PERMISSIONS) as [Permission, ...Permission[]];

// What the browser learns of a failure: a SafeError's own message, else a generic one (logged).
function handleServerError(error: Error, utils: { metadata?: { name: string } }): string {
  if (error instanceof SafeError) return error.message;
  console.error(`[action ${utils.metadata?.name ?? "unknown"}]`, error);
  return GENERIC_ERROR;
}

// Every mutation is an action built from this client (house style 4–6): zod-validated input, a
// metadata name and permission, SafeError messages shown to the user, anything else logged and
// replaced by a generic message. The middleware authorizes before any handler runs and writes
// every attempt — allowed, denied or failed — to the audit trail.
export const actionClient = createSafeActionClient({
  defineMetadataSchema: () => z.object({ name: z.string().min(1), permission: z.enum(permissionNames) }),
  handleServerError,
}).use(async ({ next, metadata, clientInput }) => {
  const h = await headers();
  const user = await userFromHeaders(h);
  // Target-scoped permissions read the target from the raw input's runId/targetName. If the
  // validated input differed from it, the lookup names another run or none: fail closed.
  const ref = scopeOfInput(clientInput);
  const record = (outcome: AuditOutcome, who: DeskUser | null, targetName: string | null, extra: Record<string, unknown> = {}) =>
    tryAppendAudit({
      actorId: who?.id ?? null,
      actor: who ? actorLabel(who) : "anonymous",
      ip: clientIp(h),
      action: `action.${metadata.name}`,
      outcome,
      targetName,
      runId: ref && "runId" in ref ? ref.runId : null,
      detail: { ...auditDetail(clientInput), ...extra },
    });
  let allowed: { user: DeskUser; targetName: string | null };
  try {
    allowed = await authorize(user, metadata.permission, ref);
  } catch (e) {
    if (e instanceof ForbiddenError || e instanceof UnauthenticatedError) await record("denied", user, e instanceof ForbiddenError ? e.targetName : null);
    throw e;
  }
  try {
    const result = await next({ ctx: { user: allowed.user, actor: actorLabel(allowed.user), targetName: allowed.targetName } });
    await record(result.success ? "ok" : "error", allowed.user, allowed.targetName);
    return result;
  } catch (e) {
    // redirect()/notFound() are thrown too: they mean the act succeeded.
    const navigation = e instanceof Error && /NEXT_REDIRECT|NEXT_NOT_FOUND/.test(e.message + String((e as { digest?: unknown }).digest));
    await record(navigation ? "ok" : "error", allowed.user, allowed.targetName, navigation ? {} : { error: e instanceof SafeError ? e.message : "unexpected error" });
    throw e;
  }
});

/**
 * Actions that run before anyone is signed in (first-admin setup). Every call is audited; each
 * handler proves its own right to act (e.g. a one-time token).
 */
export const publicActionClient = createSafeActionClient({
  defineMetadataSchema: () => z.object({ name: z.string().min(1), permission: z.literal("public") }),
  handleServerError,
}).use(async ({ next, metadata, clientInput }) => {
  const h = await headers();
  const result = await next();
  await tryAppendAudit({
    actorId: null,
    actor: "anonymous",
    ip: clientIp(h),
    action: `action.${metadata.name}`,
    outcome: result.success ? "ok" : "error",
    detail: auditDetail(clientInput),
  });
  return result;
});
