import { describe, expect, it } from "vitest";
import type { EventBody } from "./event-types";
import { appendEventsNow, readEvents, readStateEvents } from "./events";
import { finishRun, startRun } from "./service";
import { setUpEngineRunbook } from "@/test/engine-fixture";

// A step that prints a lot writes more events than one page of readEvents. Decisions about the
// run (may it be marked succeeded?) must still see every state event after the output.
describe("runs with big output", () => {
  it("decides on the whole log, not its first page, without reading the output", async () => {
    const { slug } = await setUpEngineRunbook(`long-${Date.now()}`);
    const { runId } = await startRun({ runbookSlug: slug, targetName: "sandbox", scenario: null, variables: {}, drill: false, actor: "t" });
    const output: EventBody[] = Array.from({ length: 10_050 }, (_, i) => ({
      type: "step.output",
      stepId: "step-2",
      payload: { attempt: 1, chunks: [{ stream: "stdout", text: `line ${i}\n` }] },
    }));
    // In batches, as a runner writes them (one 10k-event transaction outlives Prisma's 5 s limit on a busy CI machine).
    for (let i = 0; i < output.length; i += 1_000) await appendEventsNow(runId, null, output.slice(i, i + 1_000));
    await appendEventsNow(runId, null, [
      {
        type: "step.finished",
        stepId: "step-2",
        payload: {
          attempt: 1,
          status: "failed",
          exitCode: 0,
          error: "Verification failed",
          durationMs: 5,
          rehearsal: false,
          produced: {},
          verdicts: [{ expectation: { kind: "scalar", equals: "42", source: "-- Expected: 42", line: 1 }, outcome: "fail", actual: "7", reason: "differs" }],
        },
      },
    ]);
    expect(await readEvents(runId)).toHaveLength(10_000);
    const state = await readStateEvents(runId);
    expect(state.some((e) => e.type === "step.output")).toBe(false);
    expect(state[state.length - 1]?.type).toBe("step.finished");
    await expect(finishRun(runId, "succeeded", "", "t")).rejects.toThrow(/must be acknowledged/);
  }, 60_000);
});
