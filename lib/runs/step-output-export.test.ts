import { describe, expect, it } from "vitest";
import type { OutputChunk } from "@/lib/executors/types";
import { setUpEngineRunbook } from "@/test/engine-fixture";
import type { EventBody } from "./event-types";
import { appendEventsNow } from "./events";
import { startRun } from "./service";
import { chunkText, latestAttempt, MAX_PAGE_EVENTS, nextPageSize, PAGE_TARGET_CHARS, readOutputPage, stepOutputStream } from "./step-output-export";

const queued = (stepId: string, attempt: number): EventBody => ({ type: "step.queued", stepId, payload: { attempt, rehearsal: false, confirmation: null } });
const output = (stepId: string, attempt: number, chunks: OutputChunk[]): EventBody => ({ type: "step.output", stepId, payload: { attempt, chunks } });

async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ text: string; parts: number }> {
  const decoder = new TextDecoder();
  let text = "";
  let parts = 0;
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    text += decoder.decode(r.value, { stream: true });
    parts++;
  }
  return { text: text + decoder.decode(), parts };
}

async function newRun(): Promise<string> {
  const { slug } = await setUpEngineRunbook(`export-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`);
  const { runId } = await startRun({ runbookSlug: slug, targetName: "sandbox", scenario: null, variables: {}, drill: false, actor: "t" });
  return runId;
}

describe("step output export", () => {
  it("streams every line of one attempt, in order, across pages", async () => {
    const runId = await newRun();
    await appendEventsNow(runId, null, [queued("step-5", 1), output("step-5", 1, [{ stream: "stdout", text: "first attempt\n" }]), queued("step-5", 2)]);
    // 100k lines in 1000 events, with another step's output interleaved.
    const lines = Array.from({ length: 100_000 }, (_, i) => `line ${i} ${"x".repeat(90)}`);
    for (let batch = 0; batch < 10; batch++) {
      const bodies: EventBody[] = [];
      for (let e = 0; e < 100; e++) {
        const from = (batch * 100 + e) * 100;
        bodies.push(output("step-5", 2, [{ stream: e % 2 ? "stderr" : "stdout", text: lines.slice(from, from + 100).join("\n") + "\n" }]));
        bodies.push(output("step-6", 1, [{ stream: "stdout", text: "other step\n" }]));
      }
      await appendEventsNow(runId, null, bodies);
    }
    expect(await latestAttempt(runId, "step-5")).toBe(2);

    const { text, parts } = await readAll(stepOutputStream(runId, "step-5", 2));
    const got = text.split("\n");
    expect(got.pop()).toBe("");
    expect(got).toHaveLength(100_000);
    expect(got[0]).toBe(lines[0]);
    expect(got[99_999]).toBe(lines[99_999]);
    expect(text).not.toContain("other step");
    expect(text).not.toContain("first attempt");
    expect(parts).toBe(1000);

    const first = await readAll(stepOutputStream(runId, "step-5", 1));
    expect(first.text).toBe("first attempt\n");
  }, 120_000);

  it("reads pages by seq cursor and sizes them to about a megabyte", async () => {
    const runId = await newRun();
    const bodies = Array.from({ length: 30 }, (_, i) => output("step-2", 1, [{ stream: "stdout", text: `${i}\n` }]));
    await appendEventsNow(runId, null, [queued("step-2", 1), ...bodies]);
    const a = await readOutputPage(runId, "step-2", 1, 0, 20);
    expect(a.events).toHaveLength(20);
    const b = await readOutputPage(runId, "step-2", 1, a.lastSeq, 20);
    expect(b.events.map((chunks) => (chunks[0] as { text: string }).text)).toEqual(Array.from({ length: 10 }, (_, i) => `${20 + i}\n`));
    expect(nextPageSize(500, 0, 0)).toBe(MAX_PAGE_EVENTS);
    // 256 KB events: four to a page.
    expect(nextPageSize(500, 10, 10 * 256 * 1024)).toBe(4);
    expect(nextPageSize(500, 100, 100 * 100)).toBe(MAX_PAGE_EVENTS);
    expect(nextPageSize(500, 100, 100 * 10_000)).toBe(Math.floor(PAGE_TARGET_CHARS / 10_000));
  });

  it("has no attempt for a step never queued", async () => {
    const runId = await newRun();
    expect(await latestAttempt(runId, "step-1")).toBeNull();
  });

  it("writes result sets as tab-separated rows", () => {
    expect(chunkText({ stream: "table", command: "SELECT", columns: ["a", "b"], rows: [["1", "x\ty"]], rowCount: 3, truncated: true })).toBe("-- SELECT: first 1 of 3 rows\na\tb\n1\tx y\n");
    expect(chunkText({ stream: "info", text: "▶ sql\n" })).toBe("▶ sql\n");
  });
});
