import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { entryHash, GENESIS_HASH } from "./hash";

export type AuditOutcome = "ok" | "denied" | "error";

export interface AuditInput {
  actorId: string | null;
  actor: string;
  ip: string | null;
  action: string;
  outcome: AuditOutcome;
  targetName?: string | null;
  runId?: string | null;
  detail?: Record<string, unknown>;
}

// One chain for the whole desk: appends take this transaction-scoped lock, so every entry's
// prevHash is the hash of the entry before it even with many app instances and runners.
const CHAIN_LOCK = 72707370;
const SECRET_KEY = /url|password|secret|token|key/i;

/** Input worth recording: ids and short values; never anything that looks like a secret. */
export function auditDetail(input: unknown): Record<string, unknown> {
  if (!input || typeof input !== "object") return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (SECRET_KEY.test(k)) out[k] = "[withheld]";
    else if (typeof v === "string") out[k] = v.replace(/\u0000/g, "").slice(0, 300);
    else if (typeof v === "number" || typeof v === "boolean" || v === null) out[k] = v;
  }
  return out;
}

export async function appendAudit(input: AuditInput): Promise<bigint> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK}::bigint)`;
    const last = await tx.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
    const fields = {
      seq: (last?.seq ?? 0n) + 1n,
      // Millisecond precision: what timestamptz(3) stores, so the stored row hashes the same.
      at: new Date(Date.now()),
      actorId: input.actorId,
      actor: input.actor,
      ip: input.ip,
      action: input.action,
      outcome: input.outcome,
      targetName: input.targetName ?? null,
      runId: input.runId ?? null,
      detail: (input.detail ?? {}) as Prisma.InputJsonObject,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    await tx.auditEntry.create({ data: { ...fields, prevHash, hash: entryHash(prevHash, fields) } });
    return fields.seq;
  });
}

/** Audit without failing the caller: the act already happened; a lost entry is logged loudly. */
export async function tryAppendAudit(input: AuditInput): Promise<void> {
  try {
    await appendAudit(input);
  } catch (e) {
    console.error(`[audit] could not record ${input.action} by ${input.actor}:`, e);
  }
}
