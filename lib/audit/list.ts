import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface AuditFilter {
  actor?: string;
  action?: string;
  outcome?: string;
  target?: string;
  before?: bigint; // page backwards from this seq
}

export interface AuditRow {
  seq: string;
  at: Date;
  actor: string;
  ip: string | null;
  action: string;
  outcome: string;
  targetName: string | null;
  runId: string | null;
  detail: unknown;
}

export const AUDIT_PAGE = 100;

/** Newest first, filtered; `before` pages back through older entries. */
export async function listAudit(f: AuditFilter): Promise<AuditRow[]> {
  const where: Prisma.AuditEntryWhereInput = {
    ...(f.actor ? { actor: { contains: f.actor, mode: "insensitive" } } : {}),
    ...(f.action ? { action: { contains: f.action, mode: "insensitive" } } : {}),
    ...(f.outcome ? { outcome: f.outcome } : {}),
    ...(f.target ? { targetName: f.target } : {}),
    ...(f.before ? { seq: { lt: f.before } } : {}),
  };
  const rows = await db.auditEntry.findMany({
    where,
    orderBy: { seq: "desc" },
    take: AUDIT_PAGE,
    select: { seq: true, at: true, actor: true, ip: true, action: true, outcome: true, targetName: true, runId: true, detail: true },
  });
  return rows.map((r) => ({ ...r, seq: r.seq.toString() }));
}
