import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit } from "./append";
import { verifyAuditChain } from "./verify";

// The audit trail is append-only for the app (a trigger refuses edits) and hash-chained, so an
// edit made by someone who switched the trigger off is found by verify.

let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  for (let i = 0; i < 30; i++) {
    await appendAudit({ actorId: `u${i % 3}`, actor: `user ${i % 3}`, ip: "203.0.113.9", action: "action.test", outcome: i % 5 ? "ok" : "denied", detail: { i, note: `entry ${i}`, nested: { b: 1, a: [1, 2] } } });
  }
});

afterAll(() => client.end());

describe("audit chain", () => {
  it("verifies an untouched trail", async () => {
    const report = await verifyAuditChain();
    expect(report).toMatchObject({ ok: true, entries: 30, broken: null });
  });

  it("keeps one chain under concurrent appends", async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => appendAudit({ actorId: null, actor: "c", ip: null, action: "concurrent", outcome: "ok", detail: { i } })));
    expect(await verifyAuditChain()).toMatchObject({ ok: true, entries: 50 });
  });

  it("refuses edits and deletes from the app's connection", async () => {
    await expect(client.query(`UPDATE "AuditEntry" SET actor = 'someone else' WHERE seq = 3`)).rejects.toThrow(/append-only/);
    await expect(client.query(`DELETE FROM "AuditEntry" WHERE seq = 3`)).rejects.toThrow(/append-only/);
    await expect(client.query(`TRUNCATE "AuditEntry"`)).rejects.toThrow(/append-only/);
  });

  it("detects an edited row when the trigger was switched off", async () => {
    await client.query(`ALTER TABLE "AuditEntry" DISABLE TRIGGER "AuditEntry_append_only"`);
    try {
      await client.query(`UPDATE "AuditEntry" SET detail = jsonb_set(detail, '{note}', '"innocent"') WHERE seq = 17`);
      expect(await verifyAuditChain()).toMatchObject({ ok: false, entries: 16, broken: { seq: "17", reason: expect.stringMatching(/edited/) } });
      await client.query(`UPDATE "AuditEntry" SET detail = jsonb_set(detail, '{note}', '"entry 16"') WHERE seq = 17`);
      expect((await verifyAuditChain()).ok).toBe(true);
      await client.query(`DELETE FROM "AuditEntry" WHERE seq = 9`);
      expect(await verifyAuditChain()).toMatchObject({ ok: false, broken: { seq: "10", reason: expect.stringMatching(/missing/) } });
    } finally {
      await client.query(`ALTER TABLE "AuditEntry" ENABLE TRIGGER "AuditEntry_append_only"`);
    }
  });
});
