import { describe, expect, it } from "vitest";
import type { OutputChunk } from "@/lib/executors/types";
import { OutputBuffer } from "@/lib/runs/output-buffer";

// Watchers see output as fast as the runner stores it: the batching in front of the event log
// must not add a fixed delay to a quiet step, nor queue up writes behind a fast one.
const line = (i: number): OutputChunk => ({ stream: "stdout", text: `${i}\n` });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("output batching for live watchers", () => {
  it("writes the first line after a quiet spell at once", async () => {
    const writes: { at: number; n: number }[] = [];
    const buf = new OutputBuffer(async (chunks) => {
      writes.push({ at: Date.now(), n: chunks.length });
    });
    const t0 = Date.now();
    buf.push(line(1));
    await sleep(15);
    expect(writes).toHaveLength(1);
    expect((writes[0]?.at ?? Infinity) - t0).toBeLessThan(10);
    await buf.flush();
  });

  it("coalesces lines while a slow write is in flight, keeps order, and flush waits for all", async () => {
    const batches: string[][] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const buf = new OutputBuffer(async (chunks) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(40);
      batches.push(chunks.map((c) => (c.stream === "table" ? "" : c.text)));
      inFlight--;
    });
    for (let i = 0; i < 300; i++) {
      buf.push(line(i));
      if (i % 10 === 0) await sleep(2);
    }
    await buf.flush();
    expect(maxInFlight).toBe(1);
    expect(batches.flat()).toEqual(Array.from({ length: 300 }, (_, i) => `${i}\n`));
    // A queue of tiny writes would take 30+ round trips.
    expect(batches.length).toBeLessThan(15);
  });

  it("reports a failed write from flush", async () => {
    const buf = new OutputBuffer(async () => {
      throw new Error("db down");
    });
    buf.push(line(1));
    await expect(buf.flush()).rejects.toThrow("db down");
  });
});
