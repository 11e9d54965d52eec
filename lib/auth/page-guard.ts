import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { resolveTarget } from "./authorize";
import { allows, type Permission } from "./permissions";
import { currentUser, type DeskUser } from "./session";

/** For pages: the signed-in user, or off to sign-in (coming back here afterwards). */
export async function requireUser(): Promise<DeskUser> {
  const user = await currentUser();
  if (user) return user;
  const h = await headers();
  const here = h.get("x-desk-path") ?? "/";
  redirect(`/sign-in?next=${encodeURIComponent(here)}`);
}

/**
 * For pages: the user if they hold the permission (on the target, for scoped ones). Otherwise the
 * page answers "not found": nobody learns what exists on a target they may not see.
 */
export async function requirePagePermission(permission: Permission, targetName: string | null = null): Promise<DeskUser> {
  const user = await requireUser();
  if (!allows(user.grants, permission, targetName)) notFound();
  return user;
}

/** What the signed-in user may do on one target, for showing only the buttons that will work. */
export function capabilities<P extends Permission>(user: DeskUser, permissions: readonly P[], targetName: string): Record<P, boolean> {
  return Object.fromEntries(permissions.map((p) => [p, allows(user.grants, p, targetName)])) as Record<P, boolean>;
}

/** For run pages: the user if they hold the permission on the run's target; else "not found". */
export async function requireRunPermission(permission: Permission, runId: string): Promise<{ user: DeskUser; targetName: string }> {
  const user = await requireUser();
  const targetName = await resolveTarget({ runId });
  if (targetName === null || !allows(user.grants, permission, targetName)) notFound();
  return { user, targetName };
}
