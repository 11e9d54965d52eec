import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { db } from "@/lib/db";
import { auth } from "./auth";
import { isRole, type Grant } from "./permissions";

export interface DeskUser {
  id: string;
  name: string;
  email: string;
  grants: Grant[];
}

export async function loadGrants(userId: string): Promise<Grant[]> {
  const rows = await db.roleGrant.findMany({ where: { userId }, select: { role: true, targetName: true }, orderBy: { createdAt: "asc" } });
  return rows.flatMap((r) => (isRole(r.role) ? [{ role: r.role, targetName: r.targetName }] : []));
}

/** The signed-in user of a request (cookie checked against the session table), or null. */
export async function userFromHeaders(h: Headers): Promise<DeskUser | null> {
  const session = await auth().api.getSession({ headers: h });
  if (!session) return null;
  const { id, name, email } = session.user;
  return { id, name, email, grants: await loadGrants(id) };
}

/** For server components: once per request. */
export const currentUser = cache(async (): Promise<DeskUser | null> => userFromHeaders(await headers()));
