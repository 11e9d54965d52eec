import "server-only";
import { db } from "@/lib/db";
import { entryHash, GENESIS_HASH } from "./hash";

export interface ChainReport {
  ok: boolean;
  entries: number;
  lastHash: string;
  // The first entry where the chain breaks, and how.
  broken: { seq: string; reason: string } | null;
}

const BATCH = 2000;

/** Re-hashes the whole trail in order; an edited, removed or inserted row breaks the chain. */
export async function verifyAuditChain(): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1n;
  let entries = 0;
  for (;;) {
    const rows = await db.auditEntry.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: "asc" }, take: BATCH });
    for (const row of rows) {
      const fail = (reason: string): ChainReport => ({ ok: false, entries, lastHash: prevHash, broken: { seq: row.seq.toString(), reason } });
      if (row.seq !== expectedSeq) return fail(`entry ${expectedSeq} is missing (next is ${row.seq})`);
      if (row.prevHash !== prevHash) return fail("its previous-hash does not match the entry before it");
      if (entryHash(prevHash, row) !== row.hash) return fail("its content does not match its hash (edited)");
      prevHash = row.hash;
      expectedSeq += 1n;
      entries += 1;
    }
    if (rows.length < BATCH) return { ok: true, entries, lastHash: prevHash, broken: null };
  }
}
