import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importRunbook } from "@/lib/services/runbooks";
import { upsertTarget } from "@/lib/services/targets";
import { overviewRuns, visibleRuns } from "./list-runs";
import { finishRun, startRun } from "./service";

const RUNBOOK = `# Overview test

## Scenario A: Quick (< 5 minutes)

### Check

\`\`\`bash
echo check
\`\`\`

### Fix (2 minutes)

\`\`\`bash
echo fix
\`\`\`

## Scenario B: Slow (< 30 minutes)

\`\`\`bash
echo slow
\`\`\`
`;

describe("overviewRuns", () => {
  it("lists active runs first with their current step, last step and budget", async () => {
    await upsertTarget({ name: "sandbox", urlEnv: "SANDBOX_DATABASE_URL" });
    const { slug } = await importRunbook({ text: RUNBOOK, slug: `overview-${Date.now()}`, origin: "test", importedBy: "test" });
    const start = () => startRun({ runbookSlug: slug, targetName: "sandbox", scenario: "scenario-a", variables: {}, drill: false, actor: "t" });
    const done = await start();
    await finishRun(done.runId, "aborted", "", "t");
    const { runId } = await start();
    const steps = await db.stepRun.findMany({ where: { runId }, select: { stepId: true }, orderBy: { stepId: "asc" } });
    const [check, fix] = steps.map((s) => s.stepId);
    await db.stepRun.update({ where: { runId_stepId: { runId, stepId: check ?? "" } }, data: { status: "succeeded", startedAt: new Date(Date.now() - 5000), finishedAt: new Date(Date.now() - 4000) } });
    await db.stepRun.update({ where: { runId_stepId: { runId, stepId: fix ?? "" } }, data: { status: "running", startedAt: new Date(Date.now() - 3000) } });

    const runs = (await overviewRuns()).filter((r) => r.id === runId || r.id === done.runId);
    expect(runs.map((r) => r.id)).toEqual([runId, done.runId]);
    const [active, finished] = runs;
    expect(active?.status).toBe("active");
    // Scenario B's step is not part of a scenario A run.
    expect(active?.steps).toEqual({ total: 2, done: 1, failed: 0, running: 1 });
    expect(active?.currentStep).toMatchObject({ number: 2, title: "Fix (2 minutes)", status: "running" });
    expect(active?.lastStep).toMatchObject({ number: 1, title: "Check", status: "succeeded" });
    expect(active?.budget).toEqual({ seconds: 300, source: expect.stringContaining("Scenario A") });
    expect(typeof active?.startedAt).toBe("string");
    expect(finished?.status).toBe("aborted");
    expect(finished?.currentStep).toBeNull();
    expect(finished?.finishedAt).not.toBeNull();

    expect(visibleRuns(runs, "all")).toHaveLength(2);
    expect(visibleRuns(runs, ["sandbox"])).toHaveLength(2);
    expect(visibleRuns(runs, ["prod"])).toHaveLength(0);
  });
});
