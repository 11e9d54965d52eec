import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setUpEngineRunbook } from "@/test/engine-fixture";
import { appendEvents, appendEventsNow, readEvents, RUN_EVENTS_CHANNEL } from "./events";
import { startRun } from "./service";

// appendEvents is one statement (bump, insert, notify): these pin what the engine relies on.
describe("appending run events", () => {
  async function newRun(): Promise<string> {
    const { slug } = await setUpEngineRunbook(`events-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`);
    return (await startRun({ runbookSlug: slug, targetName: "sandbox", scenario: null, variables: {}, drill: false, actor: "t" })).runId;
  }

  it("numbers concurrent appends gap-free and announces each commit's last seq", async () => {
    const runId = await newRun();
    const before = (await readEvents(runId)).length;
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    const announced: string[] = [];
    listener.on("notification", (n) => {
      if (n.payload?.startsWith(`${runId}:`)) announced.push(n.payload);
    });
    await listener.query(`LISTEN ${RUN_EVENTS_CHANNEL}`);
    try {
      const lasts = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          appendEventsNow(runId, "t", [
            { type: "comment.added", payload: { text: `a${i}` } },
            { type: "comment.added", stepId: "step-1", payload: { text: `b${i}` } },
          ]),
        ),
      );
      const events = await readEvents(runId);
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: before + 40 }, (_, i) => i + 1));
      expect([...lasts].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => before + 2 * (i + 1)));
      // Bodies keep their order inside an append: a's seq is right before its b's.
      for (const e of events.slice(before)) {
        if (e.type !== "comment.added") throw new Error(`unexpected ${e.type}`);
        const mate = events.find((x) => x.seq === (e.payload.text.startsWith("a") ? e.seq + 1 : e.seq - 1));
        expect(mate?.type === "comment.added" && mate.payload.text.slice(1)).toBe(e.payload.text.slice(1));
        expect(e.stepId).toBe(e.payload.text.startsWith("b") ? "step-1" : undefined);
        expect(e.actor).toBe("t");
      }
      await expect.poll(() => announced.length).toBe(20);
      expect(new Set(announced)).toEqual(new Set(lasts.map((l) => `${runId}:${l}`)));
    } finally {
      await listener.end();
    }
  });

  it("writes nothing and announces nothing when the transaction rolls back", async () => {
    const runId = await newRun();
    const before = await readEvents(runId);
    await expect(
      db.$transaction(async (tx) => {
        await appendEvents(tx, runId, null, [{ type: "comment.added", payload: { text: "gone" } }]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await readEvents(runId)).toEqual(before);
    expect(await appendEventsNow(runId, null, [{ type: "comment.added", payload: { text: "kept" } }])).toBe(before.length + 1);
  });

  it("refuses an unknown run", async () => {
    await expect(appendEventsNow("no-such-run", null, [{ type: "comment.added", payload: { text: "x" } }])).rejects.toThrow("does not exist");
  });

  it("stamps events in UTC whatever the session's time zone", async () => {
    const runId = await newRun();
    const t0 = Date.now();
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL TIME ZONE 'Pacific/Kiritimati'`;
      await appendEvents(tx, runId, null, [{ type: "comment.added", payload: { text: "when" } }]);
    });
    const at = Date.parse((await readEvents(runId)).at(-1)?.at ?? "");
    expect(Math.abs(at - t0)).toBeLessThan(5_000);
  });
});
