import "server-only";
import { db } from "@/lib/db";
import type { ParsedRunbook } from "@/lib/importer/types";
import { readStateEvents } from "@/lib/runs/events";
import { listRuns } from "@/lib/runs/list-runs";
import { buildReport } from "./build-report";
import { compareDrills, type DrillComparison } from "./drill-comparison";

// A runbook's runs over time: every run with outcome and duration, and its drills compared.

export interface HistoryRun {
  id: string;
  status: string;
  scenario: string | null;
  drill: boolean;
  target: string;
  version: number;
  startedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
}

const MAX_DRILLS = 30;

/** `visibleTargets`: the targets whose runs the reader may see ("all", or their names). */
export async function loadRunbookHistory(
  slug: string,
  visibleTargets: "all" | readonly string[],
): Promise<{ title: string; runs: HistoryRun[]; drills: DrillComparison } | null> {
  const runbook = await db.runbook.findUnique({ where: { slug }, select: { title: true } });
  if (!runbook) return null;
  const all = await listRuns({ runbookSlug: slug, limit: 500 });
  const rows = visibleTargets === "all" ? all : all.filter((r) => visibleTargets.includes(r.target.name));
  const runs = rows.map((r) => ({
    id: r.id,
    status: r.status,
    scenario: r.scenario,
    drill: r.drill,
    target: r.target.name,
    version: r.runbook.version,
    startedBy: r.startedBy,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    durationMs: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
  }));
  const drillIds = rows.filter((r) => r.drill && r.status !== "active").slice(0, MAX_DRILLS).map((r) => r.id);
  const versions = await db.run.findMany({
    where: { id: { in: drillIds } },
    select: { id: true, version: { select: { number: true, parsed: true } } },
  });
  // Drills are compared by durations only: their output chunks are never read.
  const reports = await Promise.all(
    versions.map(async (v) => ({
      runId: v.id,
      report: buildReport(
        { runbook: { slug, title: runbook.title }, number: v.version.number, parsed: v.version.parsed as unknown as ParsedRunbook },
        await readStateEvents(v.id),
        v.id,
      ),
    })),
  );
  return { title: runbook.title, runs, drills: compareDrills(reports) };
}
