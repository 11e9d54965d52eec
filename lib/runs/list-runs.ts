import "server-only";
import { db } from "@/lib/db";

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

export async function listRunsForOverview(limit = 200): Promise<RunRow[]> {
  const runs = await listRuns({ limit });
  // Active runs first (an incident in progress is what people come here for), newest first within.
  return [...runs.filter((r) => r.status === "active"), ...runs.filter((r) => r.status !== "active")];
}
