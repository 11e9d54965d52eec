import { parseArgs } from "node:util";
import pg from "pg";
import { benchServices, percentile } from "./bench-services";

// bench:step — click-to-verdict latency for a trivial SQL check: from the Run command
// (queueStep, what the Run button's server action calls) to the step.finished event carrying
// the verdict being announced (NOTIFY) to a listener, as a watcher's server would see it.
const { values } = parseArgs({ options: { iterations: { type: "string", default: "60" }, warmup: { type: "string", default: "5" } } });
const iterations = Number(values.iterations);
const warmup = Number(values.warmup);

const RUNBOOK = "# Bench\n\n## Check\n\n```sql\nSELECT 1 AS ok;\n-- Expected: 1\n```\n";

async function main(): Promise<void> {
  const services = await benchServices();
  const { db } = await import("@/lib/db");
  const { importRunbook } = await import("@/lib/services/runbooks");
  const { upsertTarget } = await import("@/lib/services/targets");
  const { startRunner } = await import("@/lib/runs/runner");
  const { queueStep, startRun } = await import("@/lib/runs/service");
  const { RUN_EVENTS_CHANNEL } = await import("@/lib/runs/events");
  await upsertTarget({ name: "sandbox", urlEnv: "SANDBOX_DATABASE_URL" });
  const { slug } = await importRunbook({ text: RUNBOOK, slug: "bench-step", origin: "bench", importedBy: "bench" });
  const runner = await startRunner({ connectionString: services.databaseUrl, concurrency: 2 });
  const listener = new pg.Client({ connectionString: services.databaseUrl });
  await listener.connect();
  await listener.query(`LISTEN ${RUN_EVENTS_CHANNEL}`);
  const waiting = new Map<string, () => void>();
  listener.on("notification", async (n) => {
    const [runId] = (n.payload ?? "").split(":");
    const done = runId ? waiting.get(runId) : undefined;
    if (!done || !runId) return;
    const finished = await db.runEvent.findFirst({ where: { runId, type: "step.finished" }, select: { payload: true } });
    if (finished) done();
  });
  const samples: number[] = [];
  let passed = 0;
  for (let i = 0; i < warmup + iterations; i++) {
    const { runId } = await startRun({ runbookSlug: slug, targetName: "sandbox", scenario: null, variables: {}, drill: false, actor: "bench" });
    const finished = new Promise<void>((resolve) => waiting.set(runId, resolve));
    const t0 = performance.now();
    await queueStep({ runId, stepId: "step-1", actor: "bench", confirmation: null, rehearsal: false });
    await finished;
    const ms = performance.now() - t0;
    waiting.delete(runId);
    const ev = await db.runEvent.findFirstOrThrow({ where: { runId, type: "step.finished" }, select: { payload: true } });
    if ((ev.payload as { verdicts: { outcome: string }[] }).verdicts[0]?.outcome === "pass") passed++;
    if (i >= warmup) samples.push(ms);
  }
  await listener.end();
  await runner.stop();
  await db.$disconnect();
  await services.stop();
  const sorted = [...samples].sort((a, b) => a - b);
  const result = {
    iterations,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: percentile(sorted, 100),
    verdictsPassed: passed,
    goalP95Ms: 150,
  };
  console.log(JSON.stringify(result));
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
