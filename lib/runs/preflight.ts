import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { envValue } from "@/lib/env";
import type { Command, ParsedRunbook, Step } from "@/lib/importer/types";
import { describeConnectionError } from "@/lib/services/pg-errors";
import type { PreflightStep } from "./event-types";
import { targetVariables, variableName } from "./variables";

// Before a run starts: can each step run here? Nothing is hidden: a step that cannot run is
// shown as manual with the reason (missing tool, unreachable target, unresolved variable).

// Variables the runner provides itself for every run.
export const AUTO_VARIABLES = ["DESK_URL", "BACKUP_DIR", "WORKSPACE", "RUN_ID", "STEP_ID", "TIMESTAMP", "YYYYMMDD_HHMMSS", "HOME", "PATH", "PWD", "USER"];

const SHELL_BUILTINS = new Set([
  "cd", "export", "echo", "set", "unset", "source", ".", "test", "[", "[[", "true", "false", "exit", "read",
  "printf", "eval", "if", "then", "else", "fi", "for", "do", "done", "while", "case", "esac", "local", "sleep",
  "wait", "trap", "shift", "return", "function", "time", ":",
]);

export function onPath(tool: string, envPath = envValue("PATH") ?? ""): boolean {
  if (SHELL_BUILTINS.has(tool)) return true;
  // A relative script path (./scripts/backup.sh) would run in the run's fresh workspace, where the
  // team's repository is not checked out: it cannot run here.
  if (tool.includes("/")) return path.isAbsolute(tool) && existsSync(tool);
  return envPath.split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, tool)));
}

function commandTool(c: Command): string | null {
  if (c.executor === "backup") return "pg_dump";
  if (c.executor === "restore") return "pg_restore";
  if (c.executor !== "shell") return null;
  if (c.tool) return c.tool;
  const first = c.code.trim().split(/\s+/)[0];
  return first && !first.includes("=") ? first : null;
}

async function targetReachable(url: string | null): Promise<string | null> {
  if (!url) return "the target has no connection configured";
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return null;
  } catch (e) {
    return describeConnectionError(url, e);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function checkStep(step: Step, known: Set<string>, targetProblem: string | null): PreflightStep {
  const executors = [...new Set(step.commands.map((c) => c.executor))];
  const missingVariables = step.variables.map(variableName).filter((v) => v && !known.has(v));
  const base = { stepId: step.id, executors, missingVariables };
  if (step.executor === "manual" || step.commands.length === 0) {
    return { ...base, runnable: false, reason: "manual step: done and signed off by a person" };
  }
  const missingTools = [...new Set(step.commands.map(commandTool).filter((t): t is string => t !== null && !onPath(t)))];
  if (missingTools.length) {
    return { ...base, runnable: false, reason: `needs ${missingTools.join(", ")}, not installed on this desk's runner` };
  }
  if (missingVariables.length) {
    return { ...base, runnable: false, reason: `needs ${missingVariables.join(", ")}, not provided at run start` };
  }
  if (targetProblem && step.commands.some((c) => c.executor === "sql" || c.executor === "backup" || c.executor === "restore")) {
    return { ...base, runnable: false, reason: targetProblem };
  }
  return { ...base, runnable: true, reason: null };
}

export async function computePreflight(
  parsed: ParsedRunbook,
  opts: { targetUrl: string | null; inputs: Record<string, string> },
): Promise<PreflightStep[]> {
  const targetProblem = await targetReachable(opts.targetUrl);
  const known = new Set([
    ...AUTO_VARIABLES,
    ...Object.keys(opts.targetUrl ? targetVariables(opts.targetUrl) : {}),
    ...Object.keys(opts.inputs).map(variableName),
  ]);
  return parsed.steps.map((s) => checkStep(s, known, targetProblem));
}

/** Variables a run must ask for at start: referenced, not provided by the target or the runner. */
export function variablesToAsk(parsed: ParsedRunbook): string[] {
  const provided = new Set([...AUTO_VARIABLES, ...Object.keys(targetVariables("postgresql://u:p@h:5432/d"))]);
  return [...new Set(parsed.steps.flatMap((s) => s.variables.map(variableName)))].filter((v) => v && !provided.has(v)).sort();
}
