import { spawn } from "node:child_process";
import os from "node:os";
import { envValue } from "@/lib/env";
import { maskSecrets, secretsFor } from "./mask-secrets";
import { info, LineBuffer, maskedEmitter, TailBuffer } from "./output";
import { groupMembers, terminateGroup } from "./process-group";
import { shellEnvironment } from "./shell-env";
import { STDOUT_TAIL_BYTES, type ExecContext, type ExecResult, type ExecStatus } from "./types";

// Past this much output a step's chunks stop being stored (the tail is still kept): a runaway
// `yes` must not fill the event log.
const MAX_EMITTED_CHARS = 16 * 1024 * 1024;

/**
 * Runs `command` with bash in its own process group, cwd = the run's workspace, a minimal
 * environment (see shell-env), stdout/stderr streamed as whole lines. Timeout and cancel stop the
 * whole group; processes the command leaves behind are stopped when it exits.
 */
export function runShell(command: string, ctx: ExecContext): Promise<ExecResult> {
  const secrets = secretsFor(ctx.secrets, ctx.targetUrl);
  const emit = maskedEmitter(ctx, secrets);
  const tail = new TailBuffer(STDOUT_TAIL_BYTES);
  const result = (status: ExecStatus, exitCode: number | null, error: string | null): ExecResult => ({
    status,
    exitCode,
    error: error === null ? null : maskSecrets(error, secrets),
    results: [],
    httpStatus: null,
    stdoutTail: tail.text,
    produced: {},
  });
  if (ctx.signal.aborted) return Promise.resolve(result("cancelled", null, "cancelled before it started"));
  // A rehearsal can only undo SQL (its transaction is rolled back); a shell command's effects are real.
  if (ctx.mode === "rehearsal") {
    emit(info("rehearsal: shell commands are not run, because their effects could not be rolled back"));
    return Promise.resolve(result("failed", null, "not run: a rehearsal only runs SQL (rolled back); this shell command would have run for real"));
  }

  const { env, skipped } = shellEnvironment(ctx, { PATH: envValue("PATH"), LANG: envValue("LANG") });
  if (skipped.length > 0) emit(info(`not passed to the shell: ${skipped.join(", ")}`));

  return new Promise((resolve) => {
    let emitted = 0;
    let capped = false;
    const lines = (stream: "stdout" | "stderr") =>
      new LineBuffer((text) => {
        const masked = maskSecrets(text, secrets);
        if (stream === "stdout") tail.append(masked);
        emitted += masked.length;
        if (emitted <= MAX_EMITTED_CHARS) emit({ stream, text: masked });
        else if (!capped) {
          capped = true;
          emit(info(`output exceeded ${MAX_EMITTED_CHARS / 1024 / 1024} MB; the rest is not shown (the last 64 KB of stdout are kept)`));
        }
      });
    const out = lines("stdout");
    const err = lines("stderr");

    const child = spawn("bash", ["-c", command], {
      cwd: ctx.workspace,
      // Exactly this environment; the cast only satisfies the global ProcessEnv typing (NODE_ENV).
      env: env as unknown as NodeJS.ProcessEnv,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const pgid = child.pid;
    let stop: "timeout" | "cancel" | null = null;
    let stopping: Promise<unknown> = Promise.resolve();
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    let spawnError: Error | null = null;
    let settled = false;

    const interrupt = (why: "timeout" | "cancel") => {
      if (stop || pgid === undefined) return;
      stop = why;
      if (exit) {
        // bash is gone but something outside its group still holds the pipes: stop waiting.
        child.stdout.destroy();
        child.stderr.destroy();
        return;
      }
      emit(info(why === "timeout" ? `timed out after ${ctx.timeoutMs} ms: stopping the command` : "cancelled: stopping the command"));
      stopping = terminateGroup(pgid).then((how) => {
        if (how === "killed") emit(info("the command did not stop on SIGTERM within 2 s; it was killed (SIGKILL)"));
      });
    };
    const deadline = Number.isFinite(ctx.timeoutMs) && ctx.timeoutMs > 0 ? setTimeout(() => interrupt("timeout"), ctx.timeoutMs) : undefined;
    const onAbort = () => interrupt("cancel");
    ctx.signal.addEventListener("abort", onAbort, { once: true });

    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("error", (e) => {
      spawnError = e;
      if (child.pid === undefined && !settled) {
        settled = true;
        clearTimeout(deadline);
        ctx.signal.removeEventListener("abort", onAbort);
        resolve(result("failed", null, `could not start bash: ${e.message}`));
      }
    });
    child.on("exit", (code, signal) => {
      exit = { code, signal };
      // Background processes keep the pipes open; the step owns its processes, so stop them.
      if (pgid !== undefined && !stop && groupMembers(pgid).length > 0) {
        stopping = terminateGroup(pgid).then(() => emit(info("processes the command left running were stopped")));
      }
    });
    child.on("close", async (code, signal) => {
      if (settled) return;
      settled = true;
      exit ??= { code, signal };
      out.flush();
      err.flush();
      await stopping;
      clearTimeout(deadline);
      ctx.signal.removeEventListener("abort", onAbort);
      const exitCode = exit.code ?? (exit.signal ? 128 + (os.constants.signals[exit.signal] ?? 0) : null);
      if (spawnError) resolve(result("failed", null, `could not start bash: ${spawnError.message}`));
      else if (stop === "timeout") resolve(result("timed_out", exitCode, `timed out after ${ctx.timeoutMs} ms; the command and its child processes were stopped`));
      else if (stop === "cancel") resolve(result("cancelled", exitCode, "cancelled; the command and its child processes were stopped"));
      else if (exitCode === 0) resolve(result("succeeded", 0, null));
      else resolve(result("failed", exitCode, exit.signal ? `killed by ${exit.signal}` : `exited with code ${exitCode}`));
    });
  });
}
