import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { freePort } from "@/lib/embedded/ports";
import { cpuSample, nextRssMb } from "./bench-live-procs";
import { ADMIN, fanOutTimes, signIn, Watcher, type Instance } from "./bench-live-watcher";
import { percentile } from "./bench-services";

// bench:live — from a runner step writing a line to each SSE watcher receiving it. Starts a real
// desk (embedded defaults, throwaway data dir, free ports), optionally a second `next start` on the
// same database, opens W watchers split across the instances, runs a shell step printing L lines
// that each carry the shell's wall-clock time, and measures per line and watcher. With
// --reconnect-storm every watcher drops halfway and resumes with Last-Event-ID.
const { values } = parseArgs({
  options: {
    watchers: { type: "string", default: "200" },
    lines: { type: "string", default: "2000" },
    instances: { type: "string", default: "1" },
    rate: { type: "string", default: "1000" }, // lines per second the step prints
    "reconnect-storm": { type: "boolean", default: false },
    "timeout-s": { type: "string", default: "600" },
  },
});
const W = Number(values.watchers);
const L = Number(values.lines);
const INSTANCES = Math.max(1, Math.min(4, Number(values.instances)));
const RATE = Math.max(1, Number(values.rate));
const STORM = values["reconnect-storm"] === true;
const SAMPLE = Math.max(1, Math.ceil(L / 10_000));
const DEADLINE = Date.now() + Number(values["timeout-s"]) * 1000;
const root = process.cwd();
const log = (s: string) => console.error(`[bench:live] ${s}`);

const children: ChildProcess[] = [];
let dataDir = "";

const outputs = new WeakMap<ChildProcess, string[]>();

function spawnChild(args: string[], env: NodeJS.ProcessEnv, name: string): ChildProcess {
  // Own process group, so cleanup can reach everything it started (postgres included).
  const child = spawn(process.execPath, args, { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const tail: string[] = [];
  const keep = (b: Buffer) => {
    tail.push(b.toString());
    if (tail.length > 40) tail.shift();
  };
  outputs.set(child, tail);
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.on("exit", (code) => {
    if (!stopping) log(`${name} exited (${code}):\n${tail.join("").slice(-4000)}`);
  });
  children.push(child);
  return child;
}

let stopping = false;
async function cleanup(): Promise<void> {
  stopping = true;
  // Second instances first, the launcher last (it stops its next server, runner and postgres).
  for (const child of [...children].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) continue;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    const ok = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 30_000))]);
    if (!ok) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

async function waitHealthy(base: string, child: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server for ${base} exited`);
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${base} did not become healthy`);
}

async function until(pred: () => boolean, what: string, ms: number): Promise<void> {
  const end = Math.min(Date.now() + ms, DEADLINE);
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main(): Promise<void> {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "desk-bench-live-"));
  chmodSync(dataDir, 0o755);
  const [port, pgPort, s3Port] = [await freePort(), await freePort(), await freePort()];
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  // A desk of its own: nothing configured may leak in from the caller's environment.
  for (const k of Object.keys(env)) if (/^(DATABASE_URL|SANDBOX_DATABASE_URL|S3_|DESK_TARGET_)/.test(k)) delete env[k];
  Object.assign(env, {
    PORT: String(port),
    HOST: "127.0.0.1",
    DESK_DATA_DIR: dataDir,
    DESK_PG_PORT: String(pgPort),
    DESK_S3_PORT: String(s3Port),
    DESK_SKIP_DEMOS: "1",
    DESK_ADMIN_EMAIL: ADMIN.email,
    DESK_ADMIN_PASSWORD: ADMIN.password,
  });
  log(`starting a desk on ${base} (data in ${dataDir})`);
  let launcher: ChildProcess | null = null;
  for (let attempt = 1; ; attempt++) {
    launcher = spawnChild(["--conditions=react-server", "--import", "tsx", "cli/launch.ts", "start"], env, "desk");
    try {
      await waitHealthy(base, launcher, 600_000);
      break;
    } catch (e) {
      // Someone else is building the app in this checkout: wait for that build and start again.
      const busy = (outputs.get(launcher) ?? []).join("").includes("Another next build process is already running");
      if (!busy || attempt >= 10) throw e;
      log("another `next build` is running in this checkout; retrying in 20 s");
      await new Promise((r) => setTimeout(r, 20_000));
    }
  }

  // The desk's own database, as the CLI finds a running desk.
  const info = JSON.parse(readFileSync(path.join(dataDir, "runtime.json"), "utf8")) as { pgPort: number; s3Endpoint: string | null };
  const password = readFileSync(path.join(dataDir, "pg-password"), "utf8").trim();
  // As lib/embedded/postgres builds it (importing that module would hook this process's exit).
  const url = (db: string) => `postgresql://desk:${encodeURIComponent(password)}@127.0.0.1:${info.pgPort}/${db}`;
  const databaseUrl = url("runbook_desk");
  const sandboxUrl = url("sandbox");
  Object.assign(process.env, { DATABASE_URL: databaseUrl, SANDBOX_DATABASE_URL: sandboxUrl, DESK_DATA_DIR: dataDir, NODE_ENV: "production" });

  const bases = [base];
  const serverRoots = [launcher.pid ?? 0];
  for (let n = 2; n <= INSTANCES; n++) {
    const p = await freePort();
    const { nextBin } = await import("@/cli/next-build");
    const { EMBEDDED_S3_KEY } = await import("@/lib/embedded/s3");
    const child = spawnChild(
      [nextBin(root), "start", "-p", String(p), "-H", "127.0.0.1"],
      { ...env, PORT: String(p), DATABASE_URL: databaseUrl, SANDBOX_DATABASE_URL: sandboxUrl, S3_ENDPOINT: info.s3Endpoint ?? "",
        S3_ACCESS_KEY_ID: EMBEDDED_S3_KEY,
        S3_SECRET_ACCESS_KEY: EMBEDDED_S3_KEY, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      `instance ${n}`,
    );
    await waitHealthy(`http://127.0.0.1:${p}`, child, 120_000);
    bases.push(`http://127.0.0.1:${p}`);
    serverRoots.push(child.pid ?? 0);
  }

  const instances: Instance[] = [];
  for (const b of bases) instances.push({ base: b, cookie: await signIn(b) });
  log(instances[0]?.cookie ? "signed in to every instance" : "no sign-in endpoint: streams need no session");

  const { db } = await import("@/lib/db");
  const { importRunbook } = await import("@/lib/services/runbooks");
  const { upsertTarget } = await import("@/lib/services/targets");
  const { queueStep, startRun } = await import("@/lib/runs/service");
  await upsertTarget({ name: "sandbox", urlEnv: "SANDBOX_DATABASE_URL" });
  const perTick = Math.max(1, Math.ceil(RATE / 100));
  // One compound command (the shell executor runs a block statement by statement). \${!clock}
  // reads bash's microsecond wall clock without a fork per line; indirectly, because the importer
  // would take a direct $EPOCHREALTIME for a run input.
  const printing = async (lines: number) => {
    const script = `for i in $(seq 1 ${lines}); do\n  clock=EPOCHREALTIME\n  echo "L $i \${!clock}"\n  if [ $((i % ${perTick})) -eq 0 ]; then sleep 0.01; fi\ndone`;
    const runbook = `# Live bench\n\n## Print lines\n\n\`\`\`bash\n${script}\n\`\`\`\n`;
    const { slug } = await importRunbook({ text: runbook, slug: `bench-live-${lines}-${Date.now()}`, origin: "bench", importedBy: "bench" });
    const step = (await db.runbookVersion.findFirstOrThrow({ where: { runbook: { slug } }, select: { parsed: true } })).parsed as { steps: { id: string }[] };
    return { slug, stepId: step.steps[0]?.id ?? "step-1" };
  };
  /** Starts a run of the runbook with W watchers on it, split across the instances. */
  const watched = async (slug: string, lines: number, sample: number) => {
    const { runId } = await startRun({ runbookSlug: slug, targetName: "sandbox", scenario: null, variables: {}, drill: false, actor: "bench" });
    const ws = Array.from({ length: W }, (_, i) => new Watcher(instances[i % instances.length] ?? { base, cookie: null }, runId, lines, sample));
    for (const w of ws) w.open(false);
    const created = (await db.run.findUniqueOrThrow({ where: { id: runId }, select: { lastSeq: true } })).lastSeq;
    await until(() => ws.every((w) => w.s.lastSeq >= created), "all watchers connected", 120_000);
    return { runId, watchers: ws };
  };
  const run = (runId: string, stepId: string) => queueStep({ runId, stepId, actor: "bench", confirmation: "sandbox", rehearsal: false });

  // Warm-up: a short step of the same shape, followed by as many watchers on the same instances.
  // The first output a server fans out to hundreds of streams runs cold code (JIT, first
  // requests) for a few hundred milliseconds, which is not what the steady state costs; its own
  // p99 is reported as warmUpP99Ms.
  const warmLines = Math.min(L, 300);
  let warmUpP99Ms: number | null = null;
  {
    const warmStep = await printing(warmLines);
    const warm = await watched(warmStep.slug, warmLines, 1);
    await run(warm.runId, warmStep.stepId);
    await until(() => warm.watchers.every((w) => w.s.received >= warmLines), "the warm-up step at every watcher", 120_000);
    await Promise.all(warm.watchers.map((w) => w.drop()));
    warmUpP99Ms = percentile(
      warm.watchers.flatMap((w) => w.s.latencies).sort((a, b) => a - b),
      99,
    );
  }
  const measured = await printing(L);
  await new Promise((r) => setTimeout(r, 1000));
  const rssBeforeMb = nextRssMb(serverRoots);
  const launcherPid = launcher.pid ?? 0;

  const { runId, watchers } = await watched(measured.slug, L, SAMPLE);
  log(`${W} watchers on ${bases.length} instance(s); step prints ${L} lines at ~${RATE}/s`);
  // CPU is counted from here: the step's output reaching connected watchers.
  const cpuBefore = { desk: cpuSample(serverRoots, launcherPid), bench: process.cpuUsage(), at: Date.now() };
  await run(runId, measured.stepId);
  // Server RSS each time the first watcher has another tenth of the lines: flat if the server
  // keeps no output per watcher or per line.
  const rssDuringMb: number[] = [];
  const rssTimer = setInterval(() => {
    const got = watchers[0]?.s.received ?? 0;
    if (got >= ((rssDuringMb.length + 1) * L) / 10 && rssDuringMb.length < 10) rssDuringMb.push(nextRssMb(serverRoots));
  }, 100);

  let stormed = false;
  if (STORM) {
    await until(() => watchers.every((w) => w.s.received >= L / 2), "half the lines", (L / RATE) * 1000 * 3 + 60_000);
    // Everyone drops at once and resumes from the last event it saw.
    await Promise.all(watchers.map((w) => w.drop()));
    await new Promise((r) => setTimeout(r, 200));
    for (const w of watchers) w.open(true);
    stormed = true;
    log("reconnect storm: all watchers dropped and resumed");
  }
  const finished = async () => (await db.stepRun.findFirst({ where: { runId }, select: { status: true } }))?.status;
  await until(() => watchers.every((w) => w.s.received >= L), "every line at every watcher", (L / RATE) * 1000 * 3 + 60_000).catch(async (e: unknown) => {
    log(`${e instanceof Error ? e.message : String(e)} (step ${await finished()})`);
  });
  // Let anything duplicated arrive before counting.
  await new Promise((r) => setTimeout(r, 500));
  clearInterval(rssTimer);
  const rssAfterMb = nextRssMb(serverRoots);
  const cpuAfter = cpuSample(serverRoots, launcherPid);
  const measuredS = (Date.now() - cpuBefore.at) / 1000;
  const round2 = (x: number) => Math.round(x * 100) / 100;
  const benchCpu = process.cpuUsage(cpuBefore.bench);
  const benchCpuS = Math.round((benchCpu.user + benchCpu.system) / 1e5) / 10;
  const status = await finished();
  await Promise.all(watchers.map((w) => w.drop()));

  const all: number[] = [];
  const stored: number[] = [];
  const delivered: number[] = [];
  let lost = 0;
  let duplicated = 0;
  for (const w of watchers) {
    for (const x of w.s.latencies) all.push(x);
    for (const x of w.s.stored) stored.push(x);
    for (const x of w.s.delivered) delivered.push(x);
    for (let i = 1; i <= L; i++) {
      const n = w.s.got[i] ?? 0;
      if (n === 0) lost++;
      else duplicated += n - 1;
    }
    duplicated += w.s.seqDuplicates;
  }
  all.sort((a, b) => a - b);
  stored.sort((a, b) => a - b);
  delivered.sort((a, b) => a - b);
  const fan = fanOutTimes(runId);
  fan.first.sort((a, b) => a - b);
  fan.spread.sort((a, b) => a - b);
  await db.$disconnect();
  await cleanup();
  console.log(
    JSON.stringify({
      watchers: W,
      lines: L,
      instances: bases.length,
      reconnectStorm: stormed,
      p50Ms: percentile(all, 50),
      p95Ms: percentile(all, 95),
      p99Ms: percentile(all, 99),
      maxMs: percentile(all, 100),
      lost,
      duplicated,
      rssBeforeMb,
      rssAfterMb,
      rssDuringMb,
      // Where the time goes: printed → stored (output batching), stored → at the watcher.
      storedP50Ms: percentile(stored, 50),
      storedP99Ms: percentile(stored, 99),
      deliveredP50Ms: percentile(delivered, 50),
      deliveredP99Ms: percentile(delivered, 99),
      // Per output event: stored → its first watcher (NOTIFY, read), first → last watcher (fan-out).
      firstP99Ms: percentile(fan.first, 99),
      spreadP99Ms: percentile(fan.spread, 99),
      // The short warm-up step before (the first output fanned out after the servers started).
      warmUpP99Ms,
      // CPU seconds spent during the measured run by the Next server(s), the runner, Postgres and the watchers (this process).
      measuredS: round2(measuredS),
      serverCpuS: round2(cpuAfter.server - cpuBefore.desk.server),
      // The launcher runs the step (runner: output batching and appends) and Postgres stores it.
      runnerCpuS: round2(cpuAfter.launcher - cpuBefore.desk.launcher),
      postgresCpuS: round2(cpuAfter.postgres - cpuBefore.desk.postgres),
      benchCpuS,
      outputEvents: watchers[0]?.s.outputEvents ?? 0,
      stepStatus: status ?? null,
      // Loopback benchmark on a shared machine: how busy it was (1-min load average / CPUs).
      loadAvg: Math.round((os.loadavg()[0] ?? 0) * 10) / 10,
      cpus: os.cpus().length,
      goalP99Ms: 100,
    }),
  );
}

process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));
process.on("SIGTERM", () => void cleanup().then(() => process.exit(143)));
void main().catch(async (e: unknown) => {
  console.error(e);
  await cleanup();
  process.exit(1);
});
