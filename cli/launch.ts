import { spawn, type ChildProcess } from "node:child_process";
import { isPortFree } from "@/lib/embedded/ports";
import { readEnv } from "@/lib/env";
import { bootServices, BootError, type Runtime } from "@/lib/services/boot";
import { preflightPgTools } from "./preflight";
import { buildIsStale, nextBin, runNextBuild } from "./next-build";

// `npm start` / `npm run dev`: bring up the embedded services (or check the configured ones),
// apply migrations, seed, then run the Next.js server as a child with the resolved environment.
const root = process.cwd();
const mode = process.argv[2] === "dev" ? "dev" : "start";
const log = (line: string) => console.log(`[desk] ${line}`);

async function waitForHealth(url: string, child: ChildProcess, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until && child.exitCode === null) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (res.status === 200 || res.status === 503) return res.status === 200;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

async function main(): Promise<void> {
  const started = Date.now();
  const e = readEnv();
  if (!(await isPortFree(e.PORT, "0.0.0.0"))) {
    console.error(
      `Port ${e.PORT} is already in use (another Runbook Desk, or another server).\nStop it, or start on another port: PORT=${e.PORT + 1} npm ${mode === "dev" ? "run dev" : "start"}`,
    );
    process.exit(1);
  }
  let runtime: Runtime;
  try {
    runtime = await bootServices(e, log);
  } catch (err) {
    console.error(err instanceof BootError ? err.message : `Start-up failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  Object.assign(process.env, runtime.env);
  await preflightPgTools(runtime.env.SANDBOX_DATABASE_URL ?? runtime.env.DATABASE_URL ?? "", log);
  const { afterBoot } = await import("./after-boot");
  const { firstAdminMessage } = await afterBoot(log, e.DESK_PUBLIC_URL ?? `http://localhost:${e.PORT}`);
  // The embedded default runs one runner in this process; more can join with `npm run runner`.
  const { startRunner } = await import("@/lib/runs/runner");
  const runner = await startRunner({ connectionString: runtime.env.DATABASE_URL ?? "", log });

  let shuttingDown = false;
  const server: { child: ChildProcess | null } = { child: null };
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log("Shutting down…");
    const child = server.child;
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    await runner.stop().catch(() => undefined);
    await runtime.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...runtime.env,
    NODE_ENV: mode === "dev" ? "development" : "production",
    // Incident desks often live on air-gapped bastions: never phone home.
    NEXT_TELEMETRY_DISABLED: "1",
  };
  if (mode === "start" && buildIsStale(root)) {
    log("Building the web app (first start or sources changed)…");
    await runNextBuild(root, childEnv).catch(async (err: Error) => {
      console.error(err.message);
      await shutdown(1);
    });
  }
  const web = spawn(process.execPath, [nextBin(root), mode, "-p", String(e.PORT), "-H", e.HOST], {
    cwd: root,
    env: childEnv,
    stdio: ["ignore", "inherit", "inherit"],
  });
  server.child = web;
  web.on("exit", (code) => {
    if (!shuttingDown) {
      console.error(`The web server exited (code ${code}).`);
      void shutdown(code ?? 1);
    }
  });
  const url = `http://localhost:${e.PORT}`;
  const healthy = await waitForHealth(`${url}/api/health`, web, mode === "dev" ? 180_000 : 60_000);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (healthy) console.log(`Runbook Desk ready at ${url} (${secs}s)`);
  // Last, so it is the line people see: how to get in on a desk with no users yet.
  if (firstAdminMessage) console.log(firstAdminMessage);
  else console.error(`Runbook Desk is serving at ${url} but /api/health is not green yet; open it for details.`);
}

void main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
