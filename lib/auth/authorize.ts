import "server-only";
import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";
import { allows, PERMISSIONS, type Permission } from "./permissions";
import type { DeskUser } from "./session";

export class ForbiddenError extends SafeError {
  constructor(
    readonly permission: Permission,
    readonly targetName: string | null,
  ) {
    const roles = PERMISSIONS[permission].roles.join(" or ");
    super(`Not allowed: ${permission} needs the ${roles} role${targetName ? ` on target "${targetName}"` : ""}.`);
    this.name = "ForbiddenError";
  }
}

export class UnauthenticatedError extends SafeError {
  constructor() {
    super("Sign in first: your session is missing or has expired.");
    this.name = "UnauthenticatedError";
  }
}

/** What an act touches, for target-scoped permissions. */
export type ScopeRef = { runId: string } | { targetName: string } | null;

/**
 * The target an act touches. A run id that names no run resolves to a target nobody holds, so
 * the check fails closed rather than falling back to unscoped grants.
 */
export async function resolveTarget(ref: ScopeRef): Promise<string | null> {
  if (!ref) return null;
  if ("targetName" in ref) return ref.targetName;
  const run = await db.run.findUnique({ where: { id: ref.runId }, select: { target: { select: { name: true } } } });
  return run?.target.name ?? "\u0000no-such-run";
}

/** Throws unless the user holds the permission (on the act's target, for target-scoped ones). */
export async function authorize(user: DeskUser | null, permission: Permission, ref: ScopeRef): Promise<{ user: DeskUser; targetName: string | null }> {
  if (!user) throw new UnauthenticatedError();
  const scoped = PERMISSIONS[permission].scope === "target";
  if (scoped && !ref) throw new Error(`Permission ${permission} is target-scoped but the act names no run or target.`);
  const targetName = scoped ? await resolveTarget(ref) : null;
  if (!allows(user.grants, permission, targetName)) throw new ForbiddenError(permission, targetName);
  return { user, targetName };
}

/** Scope of an action's raw input: its runId or targetName field, if it has one. */
export function scopeOfInput(input: unknown): ScopeRef {
  if (!input || typeof input !== "object") return null;
  const { runId, targetName } = input as { runId?: unknown; targetName?: unknown };
  if (typeof runId === "string") return { runId };
  if (typeof targetName === "string") return { targetName };
  return null;
}
