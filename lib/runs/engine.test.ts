import { existsSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setUpEngineRunbook } from "@/test/engine-fixture";
import type { ParsedRunbook } from "@/lib/importer/types";
import { readEvents } from "./events";
import { projectRun } from "./project";
import { startRunner, type DeskRunner } from "./runner";
import { acknowledgeVerdict, cancelStep, finishRun, queueStep, startRun } from "./service";

let runner: DeskRunner;
let parsed: ParsedRunbook;
let slug: string;

function stepIdByTitle(title: string): string {
  const s = parsed.steps.find((x) => x.title.includes(title) || parsed.sections.find((sec) => sec.id === x.section)?.title.includes(title));
  if (!s) throw new Error(`no step for ${title}: ${parsed.steps.map((x) => x.title).join(", ")}`);
  return s.id;
}

async function waitFor(runId: string, stepId: string, statuses: string[], ms = 20_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const sr = await db.stepRun.findUniqueOrThrow({ where: { runId_stepId: { runId, stepId } }, select: { status: true } });
    if (statuses.includes(sr.status)) return sr.status;
    if (Date.now() > until) throw new Error(`step ${stepId} stuck in ${sr.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function newRun(variables: Record<string, string> = {}): Promise<string> {
  return (await startRun({ runbookSlug: slug, targetName: "sandbox", scenario: null, variables, drill: false, actor: "tester" })).runId;
}

beforeAll(async () => {
  ({ slug } = await setUpEngineRunbook(`engine-${Date.now()}`));
  const v = await db.runbookVersion.findFirstOrThrow({ where: { runbook: { slug } }, select: { parsed: true } });
  parsed = v.parsed as unknown as ParsedRunbook;
  runner = await startRunner({ connectionString: process.env.DATABASE_URL ?? "", concurrency: 4 });
  const prepare = await newRun();
  await queueStep({ runId: prepare, stepId: parsed.steps[0]?.id ?? "", actor: "t", confirmation: "sandbox", rehearsal: false });
  await waitFor(prepare, parsed.steps[0]?.id ?? "", ["succeeded"]);
});

afterAll(async () => {
  await runner?.stop();
});

describe("run engine", () => {
  it("runs a SQL check with a passing verdict and a gap-free event log", async () => {
    const runId = await newRun();
    const stepId = stepIdByTitle("Verify");
    await queueStep({ runId, stepId, actor: "alice", confirmation: null, rehearsal: false });
    expect(await waitFor(runId, stepId, ["succeeded", "failed"])).toBe("succeeded");
    const events = await readEvents(runId);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const view = projectRun(events);
    expect(view.steps[stepId]?.verdicts.map((v) => v.outcome)).toEqual(["pass"]);
    expect(view.steps[stepId]?.output.some((c) => c.stream === "table" && c.rows[0]?.[0] === "42")).toBe(true);
  });

  it("executes a step exactly once when 100 people click Run at the same moment", async () => {
    const runId = await newRun();
    const stepId = stepIdByTitle("Count once");
    const sandbox = new pg.Client({ connectionString: process.env.SANDBOX_DATABASE_URL });
    await sandbox.connect();
    const before = Number((await sandbox.query("SELECT count(*) FROM engine_hits")).rows[0].count);
    const attempts = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => queueStep({ runId, stepId, actor: `u${i}`, confirmation: "sandbox", rehearsal: false })),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    await waitFor(runId, stepId, ["succeeded", "failed"]);
    const after = Number((await sandbox.query("SELECT count(*) FROM engine_hits")).rows[0].count);
    await sandbox.end();
    expect(after - before).toBe(1);
    const started = (await readEvents(runId)).filter((e) => e.type === "step.started" && e.stepId === stepId);
    expect(started).toHaveLength(1);
  });

  it("refuses a destructive step without the target name typed", async () => {
    const runId = await newRun();
    const stepId = stepIdByTitle("Count once");
    await expect(queueStep({ runId, stepId, actor: "a", confirmation: "sandbx", rehearsal: false })).rejects.toThrow(/Type the target's name/);
    await expect(queueStep({ runId, stepId, actor: "a", confirmation: null, rehearsal: false })).rejects.toThrow(/Type the target's name/);
  });

  it("fails loudly on a wrong expectation and blocks 'succeeded' until acknowledged", async () => {
    const runId = await newRun();
    const stepId = stepIdByTitle("Wrong expectation");
    await queueStep({ runId, stepId, actor: "a", confirmation: null, rehearsal: false });
    expect(await waitFor(runId, stepId, ["succeeded", "failed"])).toBe("failed");
    const view = projectRun(await readEvents(runId));
    expect(view.steps[stepId]?.verdicts[0]).toMatchObject({ outcome: "fail", actual: "7" });
    await expect(finishRun(runId, "succeeded", "", "a")).rejects.toThrow(/acknowledged/);
    await acknowledgeVerdict(runId, stepId, "known: test data", "b");
    await finishRun(runId, "succeeded", "", "a");
    expect(projectRun(await readEvents(runId)).status).toBe("succeeded");
  });

  it("cancels a running shell step by killing its process group, keeping the output", async () => {
    const runId = await newRun();
    const stepId = stepIdByTitle("Slow shell");
    await queueStep({ runId, stepId, actor: "a", confirmation: null, rehearsal: false });
    await waitFor(runId, stepId, ["running"]);
    const until = Date.now() + 10_000;
    while (!projectRun(await readEvents(runId)).steps[stepId]?.output.some((c) => c.stream === "stdout" && c.text.includes("started slow step"))) {
      if (Date.now() > until) throw new Error("no output");
      await new Promise((r) => setTimeout(r, 50));
    }
    await cancelStep(runId, stepId, "a");
    expect(await waitFor(runId, stepId, ["cancelled", "failed", "succeeded"], 10_000)).toBe("cancelled");
    const out = projectRun(await readEvents(runId)).steps[stepId]?.output.map((c) => ("text" in c ? c.text : "")).join("");
    expect(out).toContain("started slow step");
    expect(out).not.toContain("never printed");
  });

  it("passes hostile variables as data and masks the target password everywhere", async () => {
    const marker = `/tmp/desk-pwned-${Date.now()}`;
    const runId = await newRun({ EVIL: `"; touch ${marker}; echo "$(touch ${marker})` });
    const stepId = stepIdByTitle("Echo a variable");
    await queueStep({ runId, stepId, actor: "a", confirmation: null, rehearsal: false });
    expect(await waitFor(runId, stepId, ["succeeded", "failed"])).toBe("succeeded");
    expect(existsSync(marker)).toBe(false);
    const out = projectRun(await readEvents(runId)).steps[stepId]?.output.map((c) => ("text" in c ? c.text : "")).join("") ?? "";
    expect(out).toContain(`evil=["; touch ${marker}; echo "$(touch ${marker})]`);
    const password = decodeURIComponent(new URL(process.env.SANDBOX_DATABASE_URL ?? "").password);
    expect(password.length).toBeGreaterThan(8);
    expect(out).toContain("url=");
    expect(out).not.toContain(password);
    const raw = await db.runEvent.findMany({ where: { runId }, select: { payload: true } });
    expect(JSON.stringify(raw)).not.toContain(password);
  });

  it("shows steps needing missing tools as manual with the reason", async () => {
    const runId = await newRun();
    const stepId = stepIdByTitle("Manual tool");
    const pf = projectRun(await readEvents(runId)).preflight[stepId];
    expect(pf).toMatchObject({ runnable: false });
    expect(pf?.reason).toMatch(/alembic/);
    await expect(queueStep({ runId, stepId, actor: "a", confirmation: "sandbox", rehearsal: false })).rejects.toThrow(/cannot run here/);
  });
});

describe("rehearsal", () => {
  it("rolls a destructive SQL step back, then lets it run for real", async () => {
    const runId = await newRun();
    const stepId = stepIdByTitle("Count once");
    const sandbox = new pg.Client({ connectionString: process.env.SANDBOX_DATABASE_URL });
    await sandbox.connect();
    const count = async () => Number((await sandbox.query("SELECT count(*) FROM engine_hits")).rows[0].count);
    const before = await count();
    await queueStep({ runId, stepId, actor: "a", confirmation: null, rehearsal: true });
    expect(await waitFor(runId, stepId, ["succeeded", "failed"])).toBe("succeeded");
    expect(await count()).toBe(before);
    expect(projectRun(await readEvents(runId)).steps[stepId]?.rehearsal).toBe(true);
    await queueStep({ runId, stepId, actor: "a", confirmation: "sandbox", rehearsal: false });
    expect(await waitFor(runId, stepId, ["succeeded", "failed"])).toBe("succeeded");
    expect(await count()).toBe(before + 1);
    await sandbox.end();
    // Once it really ran, it cannot run again by accident.
    await expect(queueStep({ runId, stepId, actor: "a", confirmation: "sandbox", rehearsal: false })).rejects.toThrow(/already succeeded/);
  });
});
