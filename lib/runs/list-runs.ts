import "server-only";
import { db } from "@/lib/db";
import { inScenario, stepScenarios } from "@/lib/importer/document-tree";
import type { ParsedRunbook } from "@/lib/importer/types";
import type { StepStatus } from "./event-types";
import { runBudget, type RunBudget } from "./rto-clock";

// The runs overview: every run with its runbook, target and step tallies, active runs first.

export interface RunRow {
  id: string;
  status: string;
  scenario: string | null;
  drill: boolean;
  startedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  runbook: { slug: string; title: string; version: number };
  target: { name: string; protected: boolean };
  steps: { total: number; done: number; failed: number; running: number };
}

const DONE = new Set(["succeeded", "done_manually", "skipped"]);
const FAILED = new Set(["failed", "timed_out", "interrupted"]);

/** Runs newest first, optionally of one runbook: the overview's and the history's one query. */
export async function listRuns(options: { runbookSlug?: string; limit?: number } = {}): Promise<RunRow[]> {
  const rows = await db.run.findMany({
    where: options.runbookSlug ? { version: { runbook: { slug: options.runbookSlug } } } : undefined,
    orderBy: { createdAt: "desc" },
    take: options.limit ?? 200,
    select: {
      id: true,
      status: true,
      scenario: true,
      drill: true,
      startedBy: true,
      createdAt: true,
      finishedAt: true,
      target: { select: { name: true, protected: true } },
      version: { select: { number: true, runbook: { select: { slug: true, title: true } } } },
      stepRuns: { select: { status: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    scenario: r.scenario,
    drill: r.drill,
    startedBy: r.startedBy,
    startedAt: r.createdAt,
    finishedAt: r.finishedAt,
    runbook: { slug: r.version.runbook.slug, title: r.version.runbook.title, version: r.version.number },
    target: r.target,
    steps: {
      total: r.stepRuns.length,
      done: r.stepRuns.filter((s) => DONE.has(s.status)).length,
      failed: r.stepRuns.filter((s) => FAILED.has(s.status)).length,
      running: r.stepRuns.filter((s) => s.status === "queued" || s.status === "running").length,
    },
  }));
}

// ---- The live runs overview (app/runs, /api/runs/stream) ----------------------------------------
// Plain JSON (ISO dates) because it is pushed over SSE as is. Active runs say where they are (the
// running step, else the last finished one) and their budget, for the RTO clock.

export interface OverviewStep {
  id: string;
  number: number;
  title: string;
  status: StepStatus;
  at: string | null; // started (current step) or finished (last step)
}

export interface OverviewRun {
  id: string;
  status: string;
  scenario: string | null;
  drill: boolean;
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
  runbook: { slug: string; title: string; version: number };
  target: { name: string; protected: boolean };
  // Steps of the run's scenario only (what "3/5 done" means on the run page).
  steps: { total: number; done: number; failed: number; running: number };
  currentStep: OverviewStep | null;
  lastStep: OverviewStep | null;
  budget: RunBudget | null;
}

interface VersionInfo {
  steps: Map<string, { number: number; title: string; scenario: string | null }>;
  budgets: Map<string, RunBudget | null>;
  parsed: Pick<ParsedRunbook, "sections" | "scenarios" | "tables" | "steps">;
}

// Versions are immutable: what the overview needs from one is read once per process, not once a
// second per refresh. Bounded so a desk with thousands of versions does not grow without end.
const versionCache = new Map<string, VersionInfo>();
const VERSION_CACHE_MAX = 500;

async function versionInfos(ids: string[]): Promise<Map<string, VersionInfo>> {
  const missing = [...new Set(ids)].filter((id) => !versionCache.has(id));
  if (missing.length) {
    const rows = await db.runbookVersion.findMany({ where: { id: { in: missing } }, select: { id: true, parsed: true } });
    if (versionCache.size + rows.length > VERSION_CACHE_MAX) versionCache.clear();
    for (const r of rows) {
      const full = r.parsed as unknown as ParsedRunbook;
      const parsed = { sections: full.sections, scenarios: full.scenarios, tables: full.tables, steps: full.steps };
      const scenarios = stepScenarios(parsed);
      const steps = new Map(parsed.steps.map((st, i) => [st.id, { number: i + 1, title: st.title, scenario: scenarios.get(st.id) ?? null }]));
      versionCache.set(r.id, { steps, budgets: new Map(), parsed });
    }
  }
  const out = new Map<string, VersionInfo>();
  for (const id of ids) {
    const info = versionCache.get(id);
    if (info) out.set(id, info);
  }
  return out;
}

function budgetOf(info: VersionInfo, scenario: string | null): RunBudget | null {
  const key = scenario ?? "";
  if (!info.budgets.has(key)) info.budgets.set(key, runBudget(info.parsed, scenario));
  return info.budgets.get(key) ?? null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
// StepRun.status is only ever written by the run engine (lib/runs/service.ts), with StepStatus values.

/** Runs newest first, active ones before the rest, as the overview shows them. */
export async function overviewRuns(limit = 200): Promise<OverviewRun[]> {
  const rows = await db.run.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      status: true,
      scenario: true,
      drill: true,
      startedBy: true,
      createdAt: true,
      finishedAt: true,
      versionId: true,
      target: { select: { name: true, protected: true } },
      version: { select: { number: true, runbook: { select: { slug: true, title: true } } } },
      stepRuns: { select: { stepId: true, status: true, startedAt: true, finishedAt: true } },
    },
  });
  const infos = await versionInfos(rows.map((r) => r.versionId));
  const runs = rows.map((r): OverviewRun => {
    const info = infos.get(r.versionId);
    const stepOf = (id: string) => info?.steps.get(id);
    const scoped = r.stepRuns.filter((s) => {
      const st = stepOf(s.stepId);
      return !st || inScenario(st.scenario, r.scenario) || s.status !== "pending";
    });
    const byNumber = (a: { stepId: string }, b: { stepId: string }) => (stepOf(a.stepId)?.number ?? 0) - (stepOf(b.stepId)?.number ?? 0);
    const running = scoped.filter((s) => s.status === "queued" || s.status === "running").sort(byNumber);
    const finished = scoped.filter((s) => s.finishedAt).sort((a, b) => (b.finishedAt?.getTime() ?? 0) - (a.finishedAt?.getTime() ?? 0));
    const describe = (s: (typeof scoped)[number] | undefined, at: Date | null): OverviewStep | null =>
      s ? { id: s.stepId, number: stepOf(s.stepId)?.number ?? 0, title: stepOf(s.stepId)?.title ?? s.stepId, status: s.status as StepStatus, at: iso(at) } : null;
    const active = r.status === "active";
    return {
      id: r.id,
      status: r.status,
      scenario: r.scenario,
      drill: r.drill,
      startedBy: r.startedBy,
      startedAt: r.createdAt.toISOString(),
      finishedAt: iso(r.finishedAt),
      runbook: { slug: r.version.runbook.slug, title: r.version.runbook.title, version: r.version.number },
      target: r.target,
      steps: {
        total: scoped.length,
        done: scoped.filter((s) => DONE.has(s.status)).length,
        failed: scoped.filter((s) => FAILED.has(s.status)).length,
        running: running.length,
      },
      currentStep: active ? describe(running[0], running[0]?.startedAt ?? null) : null,
      lastStep: active ? describe(finished[0], finished[0]?.finishedAt ?? null) : null,
      budget: info ? budgetOf(info, r.scenario) : null,
    };
  });
  // Active runs first (an incident in progress is what people come here for), newest first within.
  return [...runs.filter((r) => r.status === "active"), ...runs.filter((r) => r.status !== "active")];
}

/** The runs a user may see: those on targets where they hold run.view ("all": every target). */
export function visibleRuns(runs: readonly OverviewRun[], allowed: "all" | readonly string[]): OverviewRun[] {
  if (allowed === "all") return [...runs];
  const names = new Set(allowed);
  return runs.filter((r) => names.has(r.target.name));
}
