import "server-only";
import { db } from "@/lib/db";
import type { ParsedRunbook } from "@/lib/importer/types";
import { readEvents } from "@/lib/runs/events";
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

export async function loadRunbookHistory(slug: string): Promise<{ title: string; runs: HistoryRun[]; drills: DrillComparison } | null> {
  const runbook = await db.runbook.findUnique({ where: { slug }, select: { title: true } });
  if (!runbook) return null;
  const rows = await db.run.findMany({
    where: { version: { runbook: { slug } } },
    orderBy: { createdAt: "desc" },
    take: 500,
    select: {
      id: true,
      status: true,
      scenario: true,
      drill: true,
      startedBy: true,
      createdAt: true,
      finishedAt: true,
      target: { select: { name: true } },
      version: { select: { number: true } },
    },
  });
  const runs = rows.map((r) => ({
    id: r.id,
    status: r.status,
    scenario: r.scenario,
    drill: r.drill,
    target: r.target.name,
    version: r.version.number,
    startedBy: r.startedBy,
    startedAt: r.createdAt,
    finishedAt: r.finishedAt,
    durationMs: r.finishedAt ? r.finishedAt.getTime() - r.createdAt.getTime() : null,
  }));
  const drillIds = rows.filter((r) => r.drill && r.status !== "active").slice(0, MAX_DRILLS).map((r) => r.id);
  const versions = await db.run.findMany({
    where: { id: { in: drillIds } },
    select: { id: true, version: { select: { number: true, parsed: true } } },
  });
  const reports = await Promise.all(
    versions.map(async (v) => ({
      runId: v.id,
      report: buildReport({ runbook: { slug, title: runbook.title }, number: v.version.number, parsed: v.version.parsed as unknown as ParsedRunbook }, await readEvents(v.id, 0, 1_000_000), v.id),
    })),
  );
  return { title: runbook.title, runs, drills: compareDrills(reports) };
}
