import { describe, expect, it } from "vitest";
import type { OutputChunk } from "@/lib/executors/types";
import { setUpEngineRunbook } from "@/test/engine-fixture";
import type { EventBody } from "./event-types";
import { appendEventsNow, readEvents } from "./events";
import { chooseOutputTail, prependOutput } from "./output-tail";
import { readPageEvents } from "./page-events";
import { emptyRun, emptyStep, projectRun } from "./project";
import { startRun } from "./service";
import { stepOutputStream } from "./step-output-export";

const queued = (stepId: string, attempt: number): EventBody => ({ type: "step.queued", stepId, payload: { attempt, rehearsal: false, confirmation: null } });
const output = (stepId: string, attempt: number, text: string): EventBody => ({ type: "step.output", stepId, payload: { attempt, chunks: [{ stream: "stdout", text }] } });

async function newRun(): Promise<string> {
  const { slug } = await setUpEngineRunbook(`page-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`);
  const { runId } = await startRun({ runbookSlug: slug, targetName: "sandbox", scenario: null, variables: {}, drill: false, actor: "t" });
  return runId;
}

async function ndjsonChunks(stream: ReadableStream<Uint8Array>): Promise<OutputChunk[]> {
  const text = await new Response(stream).text();
  return text.split("\n").filter(Boolean).flatMap((l) => JSON.parse(l) as OutputChunk[]);
}

describe("chooseOutputTail", () => {
  const size = (seq: number, stepId: string, attempt: number, chars: number) => ({ seq, stepId, attempt, chars });

  it("keeps each step's newest output within the budget and elides the rest of that attempt", () => {
    const newestFirst = [size(9, "a", 2, 40), size(8, "b", 1, 10), size(7, "a", 2, 40), size(6, "a", 2, 40), size(5, "a", 2, 5), size(3, "a", 1, 500)];
    const { keep, elided } = chooseOutputTail(newestFirst, new Map([["a", 2], ["b", 1]]), 100);
    expect(keep.sort((x, y) => x - y)).toEqual([7, 8, 9]);
    // Seq 6 no longer fits, so it and everything older of attempt 2 is elided; attempt 1 is dropped.
    expect(elided).toEqual([{ stepId: "a", attempt: 2, events: 2, chars: 45, throughSeq: 6 }]);
  });

  it("always keeps the newest event, however big", () => {
    const { keep, elided } = chooseOutputTail([size(4, "a", 1, 1_000), size(3, "a", 1, 1)], new Map([["a", 1]]), 100);
    expect(keep).toEqual([4]);
    expect(elided).toEqual([{ stepId: "a", attempt: 1, events: 1, chars: 1, throughSeq: 3 }]);
  });
});

describe("prependOutput", () => {
  it("puts the head in front only while the step is on the same attempt", () => {
    const withStep = { ...emptyRun(), steps: { x: { ...emptyStep(), attempt: 2, output: [{ stream: "stdout" as const, text: "tail\n" }] } } };
    const head = { stepId: "x", attempt: 2, events: 1, chars: 5, throughSeq: 3 };
    const next = prependOutput(withStep, head, [{ stream: "stdout", text: "head\n" }]);
    expect(next.steps["x"]?.output.map((c) => (c.stream === "table" ? "" : c.text))).toEqual(["head\n", "tail\n"]);
    expect(withStep.steps["x"]?.output).toHaveLength(1);
    expect(prependOutput(withStep, { ...head, attempt: 1 }, [{ stream: "stdout", text: "old\n" }])).toBe(withStep);
  });
});

describe("readPageEvents", () => {
  it("embeds state events and output tails; the elided head fetched after makes the full output", async () => {
    const runId = await newRun();
    await appendEventsNow(runId, null, [queued("step-1", 1), output("step-1", 1, "attempt one\n"), queued("step-1", 2)]);
    const bodies: EventBody[] = [];
    for (let i = 0; i < 200; i++) {
      bodies.push(output("step-1", 2, `${String(i).padStart(4, "0")} ${"y".repeat(995)}\n`));
      if (i % 50 === 0) bodies.push(output("step-2", 1, `small ${i}\n`));
    }
    await appendEventsNow(runId, null, [queued("step-2", 1), ...bodies, { type: "step.started", stepId: "step-1", payload: { attempt: 2, runnerId: "r" } }]);

    const page = await readPageEvents(runId, 20_000);
    const all = await readEvents(runId, 0, 100_000);
    const outputsOnPage = page.events.filter((e) => e.type === "step.output");
    // Every non-output event is there; of step-1 attempt 2 only a ~20 KB tail; step-2 whole.
    expect(page.events.filter((e) => e.type !== "step.output").map((e) => e.seq)).toEqual(all.filter((e) => e.type !== "step.output").map((e) => e.seq));
    expect(outputsOnPage.filter((e) => e.stepId === "step-2")).toHaveLength(4);
    const kept = outputsOnPage.filter((e) => e.stepId === "step-1");
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.length).toBeLessThan(25);
    expect(page.elided).toHaveLength(1);
    const head = page.elided[0];
    if (!head) throw new Error("no elided head");
    expect(head).toMatchObject({ stepId: "step-1", attempt: 2, events: 200 - kept.length });
    expect(head.throughSeq).toBeLessThan(Math.min(...kept.map((e) => e.seq)));

    // The browser's path: project the page, fetch the head as NDJSON, put it in front.
    const chunks = await ndjsonChunks(stepOutputStream(runId, "step-1", 2, { throughSeq: head.throughSeq, format: "ndjson" }));
    expect(chunks).toHaveLength(head.events);
    const rebuilt = prependOutput(projectRun(page.events), head, chunks);
    const full = projectRun(all);
    expect(rebuilt.steps["step-1"]?.output).toEqual(full.steps["step-1"]?.output);
    expect(rebuilt.steps["step-1"]?.output).toHaveLength(200);
    expect(rebuilt.lastSeq).toBe(full.lastSeq);
  });
});
