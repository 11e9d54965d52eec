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

  it("splits what piles up behind a slow write into batches of at most maxBytes, in order", async () => {
    const batches: string[][] = [];
    const buf = new OutputBuffer(
      async (chunks) => {
        await sleep(30);
        batches.push(chunks.map((c) => (c.stream === "table" ? "" : c.text)));
      },
      20,
      1_000,
    );
    // 100-byte lines: 50 of them (5 KB) arrive while the first write is in flight.
    const text = (i: number) => `${String(i).padStart(99, "0")}\n`;
    for (let i = 0; i < 50; i++) buf.push({ stream: "stdout", text: text(i) });
    await buf.flush();
    expect(batches.flat()).toEqual(Array.from({ length: 50 }, (_, i) => text(i)));
    for (const b of batches) expect(b.join("").length).toBeLessThanOrEqual(1_000);
    expect(batches.length).toBeGreaterThanOrEqual(5);
    // A single chunk bigger than maxBytes still goes, alone.
    batches.length = 0;
    buf.push({ stream: "stdout", text: "x".repeat(5_000) });
    await buf.flush();
    expect(batches.map((b) => b.join("").length)).toEqual([5_000]);
  });

  it("reports a failed write from flush", async () => {
    const buf = new OutputBuffer(async () => {
      throw new Error("db down");
    });
    buf.push(line(1));
    await expect(buf.flush()).rejects.toThrow("db down");
  });
});
