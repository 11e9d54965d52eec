import { describe, expect, it } from "vitest";
import { appendEventsNow } from "@/lib/runs/events";
import { finishRun, startRun } from "@/lib/runs/service";
import { setUpEngineRunbook } from "@/test/engine-fixture";
import { protectedByUnfinishedRuns } from "./retention-job";

// Retention never deletes what a rollback in progress may still need: the backups produced by
// the finished steps of runs that are still active.
describe("protectedByUnfinishedRuns", () => {
  it("protects an active run's backups, and lets them go once the run is finished", async () => {
    const { slug } = await setUpEngineRunbook(`retention-${Date.now()}`);
    const { runId } = await startRun({ runbookSlug: slug, targetName: "sandbox", scenario: null, variables: {}, drill: false, actor: "t" });
    const dir = `/tmp/desk-retention-test/${runId}/backups/set_1`;
    await appendEventsNow(runId, null, [
      {
        type: "step.finished",
        stepId: "step-1",
        payload: {
          attempt: 1,
          status: "succeeded",
          exitCode: 0,
          error: null,
          durationMs: 1,
          verdicts: [],
          produced: { BACKUP_DIR: dir, BACKUP_S3_URI: "s3://backups/runbook-desk/2026-11-22/set_1/" },
          rehearsal: false,
        },
      },
    ]);
    const during = await protectedByUnfinishedRuns();
    expect(during.runIds.has(runId)).toBe(true);
    expect(during.paths.has(dir)).toBe(true);
    expect(during.s3Prefixes.has("backups/runbook-desk/2026-11-22/set_1/")).toBe(true);
    await finishRun(runId, "aborted", "test", "t");
    const after = await protectedByUnfinishedRuns();
    expect(after.runIds.has(runId)).toBe(false);
    expect(after.paths.has(dir)).toBe(false);
  });
});
