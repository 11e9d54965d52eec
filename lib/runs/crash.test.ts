import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ParsedRunbook } from "@/lib/importer/types";
import { setUpEngineRunbook } from "@/test/engine-fixture";
import { readEvents } from "./events";
import { projectRun } from "./project";
import { sweepInterrupted } from "./runner";
import { queueStep, startRun } from "./service";

// Crash safety with a real separate runner process: SIGKILL it mid-step, and the step becomes
// `interrupted` with its output kept — never silently re-run.
let child: ChildProcess | undefined;

function startChildRunner(): ChildProcess {
  return spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "cli/runner.ts"], {
    env: { ...process.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

async function until<T>(fn: () => Promise<T | null>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== null) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(() => {
  child = startChildRunner();
});
afterAll(() => {
  child?.kill("SIGKILL");
});

describe("crash recovery", () => {
  it("marks a step interrupted when its runner is SIGKILLed mid-step, and does not re-run it", async () => {
    const { slug } = await setUpEngineRunbook(`crash-${Date.now()}`);
    const v = await db.runbookVersion.findFirstOrThrow({ where: { runbook: { slug } }, select: { parsed: true } });
    const parsed = v.parsed as unknown as ParsedRunbook;
    const stepId = parsed.steps.find((s) => s.code.includes("sleep 30"))?.id ?? "";
    const { runId } = await startRun({ runbookSlug: slug, targetName: "sandbox", scenario: null, variables: {}, drill: false, actor: "t" });
    await queueStep({ runId, stepId, actor: "t", confirmation: null, rehearsal: false });
    await until(
      async () => {
        const out = projectRun(await readEvents(runId)).steps[stepId]?.output ?? [];
        return out.some((c) => "text" in c && c.text.includes("started slow step")) ? true : null;
      },
      60_000,
      "the child runner to start the step",
    );
    child?.kill("SIGKILL");
    await new Promise((r) => child?.once("exit", r));
    expect(await sweepInterrupted()).toBe(1);
    const view = projectRun(await readEvents(runId));
    expect(view.steps[stepId]?.status).toBe("interrupted");
    expect(view.steps[stepId]?.output.some((c) => "text" in c && c.text.includes("started slow step"))).toBe(true);
    // The queue must not hand the job to anyone again.
    const jobs = await db.$queryRaw<{ attempts: number; max_attempts: number }[]>`
      SELECT attempts, max_attempts FROM graphile_worker.jobs WHERE key = ${`${runId}:${stepId}:1`}`;
    expect(jobs.every((j) => j.attempts >= j.max_attempts)).toBe(true);
    const started = (await readEvents(runId)).filter((e) => e.type === "step.started");
    expect(started).toHaveLength(1);
  }, 120_000);
});
