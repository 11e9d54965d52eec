import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";
import { auth } from "./auth";
import type { Role } from "./permissions";

// Local accounts through better-auth's own adapter (its password hashing, its tables); roles are
// our RoleGrant rows.

export interface UserSummary {
  id: string;
  name: string;
  email: string;
  createdAt: Date;
  grants: { id: string; role: string; targetName: string | null }[];
  activeSessions: number;
}

export async function createLocalUser(input: { email: string; name: string; password: string }): Promise<{ id: string }> {
  const ctx = await auth().$context;
  const email = input.email.trim().toLowerCase();
  if (await ctx.internalAdapter.findUserByEmail(email)) throw new SafeError(`A user with the email ${email} already exists.`);
  if (input.password.length < 12) throw new SafeError("Passwords have at least 12 characters.");
  const user = await ctx.internalAdapter.createUser({ email, name: input.name.trim() || email, emailVerified: true }, { method: "email-password" });
  await ctx.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: await ctx.password.hash(input.password) });
  return { id: user.id };
}

export async function setLocalPassword(userId: string, password: string): Promise<void> {
  if (password.length < 12) throw new SafeError("Passwords have at least 12 characters.");
  const ctx = await auth().$context;
  await ctx.internalAdapter.updatePassword(userId, await ctx.password.hash(password));
  await ctx.internalAdapter.deleteUserSessions(userId);
}

/** Signs a user out on every device. */
export async function revokeUserSessions(userId: string): Promise<void> {
  const ctx = await auth().$context;
  await ctx.internalAdapter.deleteUserSessions(userId);
}

export async function grantRole(userId: string, role: Role, targetName: string | null, grantedBy: string): Promise<void> {
  if (targetName && !(await db.target.findUnique({ where: { name: targetName }, select: { id: true } }))) {
    throw new SafeError(`No target named "${targetName}".`);
  }
  const exists = await db.roleGrant.findFirst({ where: { userId, role, targetName }, select: { id: true } });
  if (exists) return;
  await db.roleGrant.create({ data: { userId, role, targetName, grantedBy } });
}

export async function revokeGrant(grantId: string): Promise<void> {
  await db.roleGrant.deleteMany({ where: { id: grantId } });
}

export async function listUsers(): Promise<UserSummary[]> {
  const rows = await db.user.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      email: true,
      createdAt: true,
      grants: { select: { id: true, role: true, targetName: true }, orderBy: { createdAt: "asc" } },
      _count: { select: { sessions: { where: { expiresAt: { gt: new Date() } } } } },
    },
  });
  return rows.map(({ _count, ...u }) => ({ ...u, activeSessions: _count.sessions }));
}

const SETUP_ID = "desk-first-admin-setup";

/**
 * On a desk with no users: the admin from DESK_ADMIN_EMAIL/PASSWORD, or a one-time setup link
 * (valid 24 h, replaced at each start) printed to the console. Nothing is baked into the code.
 */
export async function ensureFirstAdmin(opts: { email?: string; password?: string; baseUrl: string; log: (line: string) => void }): Promise<void> {
  if ((await db.user.count()) > 0) return;
  if (opts.email && opts.password) {
    const { id } = await createLocalUser({ email: opts.email, name: "Administrator", password: opts.password });
    await grantRole(id, "admin", null, "first start");
    opts.log(`Created the first admin, ${opts.email} (from DESK_ADMIN_EMAIL).`);
    return;
  }
  const token = randomBytes(24).toString("base64url");
  await db.verification.deleteMany({ where: { identifier: SETUP_ID } });
  await db.verification.create({
    data: { id: randomBytes(12).toString("hex"), identifier: SETUP_ID, value: sha256(token), expiresAt: new Date(Date.now() + 86_400_000), updatedAt: new Date() },
  });
  opts.log(`No users yet. Create the first admin (one-time link, 24 h): ${opts.baseUrl}/setup?token=${token}`);
}

function sha256(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

/** Consumes the setup token and creates the first admin; refused once any user exists. */
export async function completeSetup(token: string, input: { email: string; name: string; password: string }): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    // One setup at a time: the token row is locked and deleted by whoever gets it first.
    const rows = await tx.$queryRaw<{ id: string; value: string; expiresAt: Date }[]>`
      SELECT id, value, "expiresAt" FROM "Verification" WHERE identifier = ${SETUP_ID} FOR UPDATE`;
    const row = rows.find((r) => r.value === sha256(token));
    if (!row || row.expiresAt < new Date()) throw new SafeError("This setup link is invalid or has expired. Restart the desk for a new one.");
    if ((await tx.user.count()) > 0) throw new SafeError("The desk already has users; ask an admin for an account.");
    await tx.verification.delete({ where: { id: row.id } });
    const user = await createLocalUser(input);
    await grantRole(user.id, "admin", null, "setup link");
    return user;
  });
}
