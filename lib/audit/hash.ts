import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

// An audit entry's hash covers every field and the previous entry's hash, serialised with RFC 8785
// canonical JSON (sorted keys, fixed number format) so a JSONB round trip hashes the same.
export const GENESIS_HASH = "0".repeat(64);

export interface ChainedFields {
  seq: bigint;
  at: Date;
  actorId: string | null;
  actor: string;
  ip: string | null;
  action: string;
  outcome: string;
  targetName: string | null;
  runId: string | null;
  detail: unknown;
}

export function entryHash(prevHash: string, e: ChainedFields): string {
  const body = canonicalize({
    seq: e.seq.toString(),
    at: e.at.toISOString(),
    actorId: e.actorId,
    actor: e.actor,
    ip: e.ip,
    action: e.action,
    outcome: e.outcome,
    targetName: e.targetName,
    runId: e.runId,
    detail: e.detail,
  });
  return createHash("sha256").update(`${prevHash}\n${body ?? ""}`).digest("hex");
}
