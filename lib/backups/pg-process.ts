import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";
import { envValue } from "@/lib/env";
import { LineBuffer } from "@/lib/executors/output";
import { terminateGroup } from "@/lib/executors/process-group";
import { libpqVariables } from "@/lib/executors/shell-env";

// pg_dump / pg_restore / psql run natively (no shell): connection through the libpq variables,
// the password in PGPASSWORD only, never in argv (visible in ps) or in the output.

/** PATH and LANG only: for tools that read files, not databases (pg_restore --list). */
export function toolEnvironment(): NodeJS.ProcessEnv {
  const env: Record<string, string> = { PATH: envValue("PATH") ?? "/usr/local/bin:/usr/bin:/bin", LANG: envValue("LANG") ?? "C.UTF-8" };
  return env as unknown as NodeJS.ProcessEnv;
}

export function pgEnvironment(targetUrl: string, appName: string): NodeJS.ProcessEnv {
  const vars = libpqVariables(targetUrl);
  delete vars.DATABASE_URL;
  const env: Record<string, string> = {
    PATH: envValue("PATH") ?? "/usr/local/bin:/usr/bin:/bin",
    LANG: envValue("LANG") ?? "C.UTF-8",
    PGAPPNAME: appName,
    PGCONNECT_TIMEOUT: "15",
    ...vars,
  };
  // Exactly this environment; the cast only satisfies the global ProcessEnv typing (NODE_ENV).
  return env as unknown as NodeJS.ProcessEnv;
}

export interface PgRun {
  child: ChildProcessByStdio<null, Readable, Readable>;
  // Resolves when the process has exited and its pipes are closed.
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stop: "timeout" | "cancel" | null }>;
  stderrTail(): string;
  kill(): Promise<void>;
}

/**
 * Starts a tool in its own process group; stderr is handed out line by line (and its tail
 * kept for the error message). Timeout and abort stop the group.
 */
export function startPgTool(
  toolPath: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; signal: AbortSignal; timeoutMs: number; onStderr(text: string): void; cwd?: string },
): PgRun {
  const child = spawn(toolPath, args, { env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true, cwd: options.cwd });
  let tail = "";
  const lines = new LineBuffer((text) => {
    tail = (tail + text).slice(-4000);
    options.onStderr(text);
  });
  child.stderr.on("data", (d: Buffer) => lines.push(d));
  let stop: "timeout" | "cancel" | null = null;
  let stopping: Promise<unknown> = Promise.resolve();
  const kill = (): Promise<void> => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) stopping = terminateGroup(child.pid);
    return stopping.then(() => undefined);
  };
  const interrupt = (why: "timeout" | "cancel") => {
    if (stop) return;
    stop = why;
    void kill();
  };
  const deadline = Number.isFinite(options.timeoutMs) && options.timeoutMs > 0 ? setTimeout(() => interrupt("timeout"), options.timeoutMs) : undefined;
  const onAbort = () => interrupt("cancel");
  if (options.signal.aborted) onAbort();
  else options.signal.addEventListener("abort", onAbort, { once: true });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stop: "timeout" | "cancel" | null }>((resolve) => {
    let spawnError: Error | null = null;
    child.on("error", (e) => {
      spawnError = e;
      tail += `could not start ${toolPath}: ${e.message}\n`;
      if (child.pid === undefined) finish(null, null);
    });
    let done = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (done) return;
      done = true;
      lines.flush();
      clearTimeout(deadline);
      options.signal.removeEventListener("abort", onAbort);
      void stopping.then(() => resolve({ code: spawnError ? null : code, signal, stop }));
    };
    child.on("close", finish);
  });
  return { child, exited, stderrTail: () => tail.trim(), kill };
}

/** Runs a tool to completion, collecting stdout (small outputs only: pg_restore --list, --version). */
export async function runPgTool(
  toolPath: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; signal: AbortSignal; timeoutMs: number; onStderr?(text: string): void },
): Promise<{ ok: boolean; stdout: string; stderr: string; code: number | null; stop: "timeout" | "cancel" | null }> {
  const run = startPgTool(toolPath, args, { ...options, onStderr: options.onStderr ?? (() => undefined) });
  const out: Buffer[] = [];
  run.child.stdout.on("data", (d: Buffer) => out.push(d));
  const { code, stop } = await run.exited;
  return { ok: code === 0 && stop === null, stdout: Buffer.concat(out).toString("utf8"), stderr: run.stderrTail(), code, stop };
}
