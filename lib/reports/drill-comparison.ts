import type { Report } from "./types";

// Drills of one runbook side by side: per step, the measured time of each drill against the
// documented budget, oldest first, so a team sees its rollback getting faster or slower.

export interface DrillColumn {
  runId: string;
  startedAt: string | null;
  label: string;
  version: number;
  scenario: string | null;
  outcome: string;
  totalMs: number | null;
  rtoBudgetSeconds: number | null;
  perStep: Record<string, number | null>;
}

export interface DrillComparison {
  steps: { stepId: string; label: string; budgetSeconds: number | null }[];
  drills: DrillColumn[];
}

export function compareDrills(reports: { runId: string; report: Report }[]): DrillComparison {
  const ordered = [...reports].sort((a, b) => (a.report.summary.startedAt ?? "").localeCompare(b.report.summary.startedAt ?? "") || a.runId.localeCompare(b.runId));
  const steps = new Map<string, { stepId: string; label: string; budgetSeconds: number | null }>();
  const drills = ordered.map(({ runId, report }) => {
    const perStep: Record<string, number | null> = {};
    for (const s of report.sections.flatMap((sec) => sec.steps)) {
      if (s.durationMs === null) continue;
      perStep[s.id] = s.durationMs;
      // The newest version's title and budget describe the step.
      steps.set(s.id, { stepId: s.id, label: `#${s.number} ${s.title}`, budgetSeconds: s.budgetSeconds });
    }
    const s = report.summary;
    return {
      runId,
      startedAt: s.startedAt,
      label: (s.startedAt ?? "").slice(0, 16).replace("T", " "),
      version: s.runbook.version,
      scenario: s.scenario?.title ?? null,
      outcome: s.outcome,
      totalMs: s.durationMs,
      rtoBudgetSeconds: s.rto.budgetSeconds,
      perStep,
    };
  });
  const order = [...steps.values()].sort((a, b) => Number(a.label.slice(1).split(" ")[0]) - Number(b.label.slice(1).split(" ")[0]));
  return { steps: order, drills };
}
