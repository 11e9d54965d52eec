import { describe, expect, it } from "vitest";
import { db } from "./db";

// Proves the SQL migrations produce the schema the generated client expects: every model
// is written and read back through Prisma.
describe("schema matches the Prisma client", () => {
  it("writes and reads every model", async () => {
    const suffix = Date.now().toString(36);
    const target = await db.target.create({ data: { name: `t-${suffix}`, urlEnv: "X_URL", protected: true } });
    const runbook = await db.runbook.create({ data: { slug: `rb-${suffix}`, title: "T" } });
    const version = await db.runbookVersion.create({
      data: { runbookId: runbook.id, number: 1, contentHash: "h", source: "# T", parsed: { steps: [] } },
    });
    const run = await db.run.create({ data: { versionId: version.id, targetId: target.id, startedBy: "me" } });
    await db.runEvent.create({ data: { runId: run.id, seq: 1, type: "run.started", payload: { a: 1 } } });
    const read = await db.run.findUniqueOrThrow({
      where: { id: run.id },
      select: {
        target: { select: { name: true, protected: true } },
        version: { select: { parsed: true, runbook: { select: { slug: true } } } },
        events: { select: { seq: true, type: true, payload: true } },
      },
    });
    expect(read.target).toEqual({ name: `t-${suffix}`, protected: true });
    expect(read.version.parsed).toEqual({ steps: [] });
    expect(read.version.runbook.slug).toBe(`rb-${suffix}`);
    expect(read.events).toEqual([{ seq: 1, type: "run.started", payload: { a: 1 } }]);
    await expect(
      db.runEvent.create({ data: { runId: run.id, seq: 1, type: "dup", payload: {} } }),
    ).rejects.toThrow();
  });
});
