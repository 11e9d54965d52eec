import "server-only";
import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";
import type { ParsedRunbook } from "@/lib/importer/types";
import type { RunEventRecord } from "@/lib/runs/event-types";
import { readEvents } from "@/lib/runs/events";
import { buildReport } from "./build-report";
import type { Report, ReportVersionInput } from "./types";

// Reads what a report is built from: the run's pinned runbook version and its whole event log.

export async function loadReportInputs(runId: string): Promise<{ version: ReportVersionInput; events: RunEventRecord[] }> {
  const run = await db.run.findUnique({
    where: { id: runId },
    select: { version: { select: { number: true, parsed: true, runbook: { select: { slug: true, title: true } } } } },
  });
  if (!run) throw new SafeError("No such run.");
  const events = await readEvents(runId, 0, 1_000_000);
  return {
    version: { runbook: run.version.runbook, number: run.version.number, parsed: run.version.parsed as unknown as ParsedRunbook },
    events,
  };
}

export async function loadReport(runId: string): Promise<Report> {
  const { version, events } = await loadReportInputs(runId);
  return buildReport(version, events, runId);
}
