import type { ReviewView } from "@/lib/runs/project";
import { formatDateTime, formatDuration } from "./format";
import { INCIDENT_FIELDS } from "./incident-fields";
import type { IncidentField, ReportStep } from "./types";

// The seeds' incident-report fields, pre-filled from the run where the run knows the answer
// (timeline, rollback type, database rollback, data restoration), from blanks typed during the
// run where the runbook asked for them, and otherwise left to the reviewer.

export interface IncidentFacts {
  rollbackType: string | null;
  initiatedAt: string | null;
  completedAt: string | null;
  durationMs: number | null;
  outcome: string;
  steps: ReportStep[];
  blanks: { label: string; value: string | null }[];
}

const RAN = new Set(["succeeded", "done_manually"]);

function databaseRollback(steps: ReportStep[]): string {
  const done = steps.filter((s) => !s.rehearsal && RAN.has(s.status) && s.commands.some((c) => c.executor === "sql" && c.destructive));
  if (done.length) return `Yes (${done.map((s) => `#${s.number}`).join(", ")})`;
  const tried = steps.filter((s) => !s.rehearsal && s.startedAt && s.commands.some((c) => c.executor === "sql" && c.destructive));
  return tried.length ? `No (attempted: ${tried.map((s) => `#${s.number} ${s.status}`).join(", ")})` : "No";
}

function isRestore(s: ReportStep): boolean {
  return s.executor === "restore" || s.commands.some((c) => c.executor === "restore") || /\brestor(e|ing|ation)\b/i.test(s.title);
}

function dataRestoration(steps: ReportStep[]): string {
  const done = steps.filter((s) => !s.rehearsal && RAN.has(s.status) && isRestore(s));
  return done.length ? `Yes (${done.map((s) => `#${s.number}`).join(", ")})` : "No";
}

export function incidentFields(facts: IncidentFacts, review: ReviewView): IncidentField[] {
  const derived: Record<string, string | null> = {
    status: facts.outcome === "succeeded" ? "Resolved" : facts.outcome === "active" ? "Investigating" : null,
    rollbackInitiated: facts.initiatedAt ? formatDateTime(facts.initiatedAt) : null,
    rollbackCompleted: facts.completedAt ? formatDateTime(facts.completedAt) : null,
    totalDowntime: facts.durationMs !== null ? `${formatDuration(facts.durationMs)} (rollback run, start to finish)` : null,
    rollbackType: facts.rollbackType,
    databaseRollback: databaseRollback(facts.steps),
    dataRestoration: dataRestoration(facts.steps),
  };
  return INCIDENT_FIELDS.map((def) => {
    const set = review.fields[def.key];
    const typed = def.blankLabels
      ? (facts.blanks.find((b) => b.value && def.blankLabels?.includes(b.label.trim().toLowerCase()))?.value ?? null)
      : null;
    const fromRun = derived[def.key] ?? null;
    const base = { key: def.key, label: def.label, group: def.group, derived: fromRun ?? typed };
    if (set) return { ...base, value: set.value, source: "reviewer" as const, by: set.by };
    if (typed) return { ...base, value: typed, source: "runbook" as const, by: null };
    if (fromRun) return { ...base, value: fromRun, source: "run" as const, by: null };
    return { ...base, value: "", source: "empty" as const, by: null };
  });
}
