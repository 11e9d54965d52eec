import { describe, expect, it } from "vitest";
import type { Expectation } from "@/lib/importer/types";
import { evaluate } from "./evaluate";
import { runSql } from "./sql";
import { sandboxUrl, testContext } from "./test-context";

// SQL exactly as the seed runbooks write it, against the seeded sandbox (read-only checks).

describe("seed runbooks against the sandbox", () => {
  it("000 step 4: the heredoc verification runs, and the lowercase expectation fails loudly on the uppercase enum", async () => {
    const sql = `-- Check enum values
SELECT DISTINCT application FROM user_application_access;

-- Expected: market_edge, causal_edge, value_edge (lowercase)

-- Check row counts
SELECT COUNT(*) FROM user_application_access;
`;
    const r = await runSql(sql, testContext({ targetUrl: sandboxUrl(), readOnly: true }));
    expect(r.error).toBeNull();
    expect(r.results.map((x) => x.line)).toEqual([2, 7]);
    const expectation: Expectation = {
      kind: "set",
      equals: ["market_edge", "causal_edge", "value_edge"],
      source: "-- Expected: market_edge, causal_edge, value_edge (lowercase)",
      line: 241,
    };
    // The heredoc body starts on document line 238 of seed 000.
    const [verdict] = evaluate([expectation], r, { sqlFirstLine: 238 });
    expect(verdict?.outcome).toBe("fail");
    expect(verdict?.reason).toMatch(/statement at line 2 .*unexpected .*MARKET_EDGE/);
    const count = Number(r.results[1]?.rows[0]?.[0]);
    expect(count).toBeGreaterThan(0);
    const [scalar] = evaluate([{ kind: "scalar", equals: String(count), source: "", line: 244 }], r, { sqlFirstLine: 238 });
    expect(scalar?.outcome).toBe("pass");
  });

  it("000 verification section: four catalog/data queries, each a table", async () => {
    const sql = `-- Check enum type definition
SELECT
    t.typname,
    string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder)
FROM pg_type t
JOIN pg_enum e ON t.oid = e.enumtypid
WHERE t.typname = 'applicationtype'
GROUP BY t.typname;

-- Expected: market_edge, causal_edge, value_edge

-- Verify foreign keys
SELECT
    conname,
    conrelid::regclass,
    confrelid::regclass
FROM pg_constraint
WHERE conrelid = 'user_application_access'::regclass
AND contype = 'f';

-- Check indexes
SELECT
    indexname,
    indexdef
FROM pg_indexes
WHERE tablename = 'user_application_access';`;
    const c = testContext({ targetUrl: sandboxUrl(), readOnly: true });
    const r = await runSql(sql, c);
    expect(r.status).toBe("succeeded");
    expect(c.tables()).toHaveLength(3);
    expect(r.results[0]?.rows).toEqual([["applicationtype", "MARKET_EDGE, CAUSAL_EDGE, VALUE_EDGE"]]);
    const [contains] = evaluate([{ kind: "contains", text: "market_edge, causal_edge, value_edge", source: "", line: 0 }], r);
    expect(contains?.outcome).toBe("fail");
  });

  it("003 preflight: \\dt and \\d memory_chunks show the table, its RLS policy and indexes", async () => {
    const c = testContext({ targetUrl: sandboxUrl(), readOnly: true });
    const r = await runSql("\\dt memory_chunks", c);
    expect(r.status).toBe("succeeded");
    expect(r.results[0]?.rows.map((row) => row[1])).toEqual(["memory_chunks"]);
    const d = testContext({ targetUrl: sandboxUrl(), readOnly: true });
    const described = await runSql("\\d memory_chunks", d);
    expect(described.status).toBe("succeeded");
    expect(d.text("info")).toMatch(/Policies:\n {4}POLICY "memory_tenant_isolation"/);
    expect(described.stdoutTail).toContain("uq_memory_chunks_conversation_chunk");
  });
});
