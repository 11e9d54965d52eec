import "server-only";
import { tryAppendAudit } from "@/lib/audit/append";
import { db } from "@/lib/db";
import { actorLabel } from "./actor-label";
import { clientIp } from "./client-ip";

// better-auth calls this after it creates a session, whichever way the user signed in.
export async function recordSignIn(session: { userId: string; ipAddress?: string | null; userAgent?: string | null }): Promise<void> {
  const user = await db.user.findUnique({ where: { id: session.userId }, select: { name: true, email: true } });
  await tryAppendAudit({
    actorId: session.userId,
    actor: user ? actorLabel(user) : session.userId,
    ip: session.ipAddress ?? null,
    action: "auth.sign_in",
    outcome: "ok",
    detail: { userAgent: (session.userAgent ?? "").slice(0, 200) },
  });
}

export async function recordSignOut(user: { id: string; name: string; email: string }, everywhere: boolean, headers: Headers | null): Promise<void> {
  await tryAppendAudit({
    actorId: user.id,
    actor: actorLabel(user),
    ip: headers ? clientIp(headers) : null,
    action: everywhere ? "auth.sign_out_everywhere" : "auth.sign_out",
    outcome: "ok",
  });
}
