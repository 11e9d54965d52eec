import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ParsedRunbook } from "@/lib/importer/types";
import { resetSandbox } from "@/lib/sandbox/seed";
import { upsertTarget } from "@/lib/services/targets";
import { executeHeadless, type HeadlessSummary } from "./headless-run";

// Each seed runbook, headless against a sandbox of its own: its SQL and psql steps really
// execute with their expectations checked, and what cannot run is listed as manual with a reason.
const SEEDS = path.resolve(process.cwd(), "../shared/runbooks");
const seedFile = (prefix: string) => {
  const f = readdirSync(SEEDS).find((x) => x.startsWith(prefix));
  if (!f) throw new Error(`seed ${prefix} missing in ${SEEDS}`);
  return { name: f, text: readFileSync(path.join(SEEDS, f), "utf8") };
};

const admin = () => process.env.TEST_ADMIN_DATABASE_URL ?? "";
const dbName = `sandbox_h_${randomBytes(4).toString("hex")}`;

beforeAll(async () => {
  const u = new URL(admin());
  u.pathname = `/${dbName}`;
  process.env.HEADLESS_SANDBOX_URL = u.toString();
  await upsertTarget({ name: "sandbox", urlEnv: "HEADLESS_SANDBOX_URL" });
}, 60_000);

afterAll(async () => {
  await db.$disconnect();
});

async function runSeed(prefix: string, scenario: string | null): Promise<{ summary: HeadlessSummary; parsed: ParsedRunbook }> {
  await resetSandbox(admin(), dbName);
  const file = seedFile(prefix);
  const summary = await executeHeadless({
    file,
    runbookRef: file.name,
    target: "sandbox",
    scenario,
    databaseUrl: null,
    variables: {},
    yes: true,
    keepGoing: true,
    actor: "test",
    log: () => undefined,
  });
  const v = await db.runbookVersion.findFirstOrThrow({
    where: { runs: { some: { id: summary.runId } } },
    select: { parsed: true },
  });
  return { summary, parsed: v.parsed as unknown as ParsedRunbook };
}

function sqlSteps(parsed: ParsedRunbook, summary: HeadlessSummary) {
  const manual = new Set(summary.manual.filter((m) => m.kind === "step").map((m) => m.id));
  return parsed.steps.filter((s) => s.executor === "sql" && !manual.has(s.id));
}

describe.each([
  ["000", "scenario-b"],
  ["001", null],
  ["002", null],
  ["003", "scenario-1"],
  ["004", null],
])("seed %s headless on the sandbox", (prefix, scenario) => {
  it("accounts for every step, executes the SQL, checks expectations", async () => {
    const { summary, parsed } = await runSeed(prefix, scenario);
    // Nothing hidden: every step of the document is either run or listed as manual with a reason.
    const seen = new Set([...summary.steps.map((s) => s.id), ...summary.manual.filter((m) => m.kind === "step").map((m) => m.id)]);
    expect([...seen].sort()).toEqual(parsed.steps.map((s) => s.id).sort());
    for (const m of summary.manual) expect(m.reason.length).toBeGreaterThan(3);
    // Every runnable SQL step really executed (keep-going: no step left pending or skipped).
    for (const s of sqlSteps(parsed, summary)) {
      const ran = summary.steps.find((x) => x.id === s.id);
      expect(ran?.status, `${s.id} ${s.title}`).toMatch(/^(succeeded|failed)$/);
    }
    // Checkable expectations on executed SQL got a real verdict.
    const sqlIds = new Set(sqlSteps(parsed, summary).filter((s) => s.commands.some((c) => c.expect.some((e) => e.kind !== "note"))).map((s) => s.id));
    const verdicts = summary.steps.filter((s) => sqlIds.has(s.id)).flatMap((s) => s.verdicts);
    if (sqlIds.size) expect(verdicts.some((v) => v.outcome === "pass" || v.outcome === "fail")).toBe(true);
    // Tools the machine lacks are manual, named.
    const alembic = parsed.steps.filter((s) => s.commands.some((c) => c.tool === "alembic"));
    for (const s of alembic) {
      if (!seen.has(s.id) || summary.steps.some((x) => x.id === s.id)) continue;
      expect(summary.manual.find((m) => m.id === s.id)?.reason).toMatch(/alembic|scenario/);
    }
  }, 180_000);
});

describe("seed 000 scenario B verdict", () => {
  it("checks the lowercase-enum expectation against the sandbox's uppercase data and fails loudly", async () => {
    const { summary, parsed } = await runSeed("000", "scenario-b");
    const heredoc = parsed.steps.find((s) => s.code.includes("<<EOF") && s.executor === "sql");
    expect(heredoc).toBeDefined();
    const ran = summary.steps.find((s) => s.id === heredoc?.id);
    expect(ran?.verdicts.find((v) => v.kind === "set")).toMatchObject({ outcome: "fail" });
    expect(summary.status).toBe("failed");
  }, 180_000);
});
