import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sandboxUrl, testContext } from "@/lib/executors/test-context";
import type { ParsedRunbook } from "@/lib/importer/types";
import { readEvents } from "@/lib/runs/events";
import { projectRun } from "@/lib/runs/project";
import { startRunner, type DeskRunner } from "@/lib/runs/runner";
import { queueStep, startRun } from "@/lib/runs/service";
import { importRunbook } from "@/lib/services/runbooks";
import { upsertTarget } from "@/lib/services/targets";
import { runBackup } from "./backup";
import { runRestore } from "./restore";
import { query, scratchDatabase } from "./test-support";

// Seed 001's flow through the real run engine: backup step → damage → restore step with -c, on a
// scratch target (never the shared sandbox), the restore reading the set the backup produced.
const RUNBOOK = `# Enum migration safety

## Backup

\`\`\`bash
pg_dump -h $DB_HOST -U $DB_USER -Fc -t organisations -t users -t user_application_access -t user_invitations > enum_migration.dump
\`\`\`

## Damage

\`\`\`sql
DELETE FROM user_application_access WHERE id IN (SELECT id FROM user_application_access ORDER BY id LIMIT 7);
\`\`\`

## Restore

\`\`\`bash
pg_restore -h $DB_HOST -U $DB_USER -d $DB_NAME -c --if-exists enum_migration.dump
\`\`\`
`;

let runner: DeskRunner;
let scratch: { url: string; drop(): Promise<void> };

beforeAll(async () => {
  scratch = await scratchDatabase("engine_backup");
  // The scratch target starts as a copy of seed 001's tables (restored from a backup of the sandbox).
  const seed = await runBackup("pg_dump -t organisations -t users -t user_application_access -t user_invitations", testContext({ targetUrl: sandboxUrl() }), { storage: null });
  const restored = await runRestore(`pg_restore ${seed.produced.BACKUP_DIR}`, testContext({ targetUrl: scratch.url }), { storage: null });
  expect(restored.error).toBeNull();
  process.env.BACKUP_ENGINE_TEST_URL = scratch.url;
  await upsertTarget({ name: "backup-scratch", urlEnv: "BACKUP_ENGINE_TEST_URL" });
  runner = await startRunner({ connectionString: process.env.DATABASE_URL ?? "", concurrency: 2 });
});

afterAll(async () => {
  await runner?.stop();
  await scratch?.drop();
});

async function runStep(runId: string, stepId: string): Promise<string> {
  await queueStep({ runId, stepId, actor: "dba", confirmation: "backup-scratch", rehearsal: false });
  const until = Date.now() + 60_000;
  for (;;) {
    const sr = await db.stepRun.findUniqueOrThrow({ where: { runId_stepId: { runId, stepId } }, select: { status: true } });
    if (!["queued", "running"].includes(sr.status)) return sr.status;
    if (Date.now() > until) throw new Error(`step ${stepId} stuck in ${sr.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("backup and restore steps in a run", () => {
  it("backs up, survives damage, restores with -c from the run's own set and proves it", async () => {
    const { slug } = await importRunbook({ text: RUNBOOK, slug: `backup-engine-${Date.now()}`, origin: "test", importedBy: "test" });
    const v = await db.runbookVersion.findFirstOrThrow({ where: { runbook: { slug } }, select: { parsed: true } });
    const parsed = v.parsed as unknown as ParsedRunbook;
    expect(parsed.steps.map((s) => s.commands[0]?.executor)).toEqual(["backup", "sql", "restore"]);
    const { runId } = await startRun({ runbookSlug: slug, targetName: "backup-scratch", scenario: null, variables: {}, drill: false, actor: "dba" });
    const before = await query<{ n: string }>(scratch.url, "SELECT count(*)::text AS n FROM user_application_access");
    const [backup, damage, restore] = parsed.steps.map((s) => s.id);

    expect(await runStep(runId, backup ?? "")).toBe("succeeded");
    expect(await runStep(runId, damage ?? "")).toBe("succeeded");
    expect(await query(scratch.url, "SELECT count(*)::text AS n FROM user_application_access")).not.toEqual(before);
    expect(await runStep(runId, restore ?? "")).toBe("succeeded");
    expect(await query(scratch.url, "SELECT count(*)::text AS n FROM user_application_access")).toEqual(before);

    const view = projectRun(await readEvents(runId));
    const finished = (await readEvents(runId)).filter((e) => e.type === "step.finished").map((e) => e.payload as { produced: Record<string, string> });
    expect(finished[0]?.produced.BACKUP_DIR).toMatch(/runs\/.+\/backups\/enum_migration_\d{8}_\d{6}$/);
    expect(finished[0]?.produced.BACKUP_S3_URI).toMatch(/^s3:\/\/backups-test\//);
    const verification = view.steps[restore ?? ""]?.output.find((c) => c.stream === "table" && c.command === "restore verification");
    expect(verification && verification.stream === "table" && verification.rows.every((r) => r[4] === "pass")).toBe(true);
  });
});
