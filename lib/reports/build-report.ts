import type { ParsedRunbook, Step } from "@/lib/importer/types";
import type { RunEventRecord } from "@/lib/runs/event-types";
import { projectRun, type RunView } from "@/lib/runs/project";
import { msBetween, withinBudget } from "./format";
import { incidentFields } from "./incident";
import { fillRtoTables } from "./rto";
import { sectionTree, type SectionTree } from "./scope";
import { buildStep, redact } from "./step-report";
import { buildTimeline } from "./timeline";
import { REPORT_SCHEMA_VERSION, type ArtifactEntry, type Report, type ReportNote, type ReportSection, type ReportStep, type ReportVersionInput } from "./types";

// The report is a pure function of the pinned runbook version and the run's events: no clock, no
// randomness, no I/O. Rendering it again later (or from a JSON copy of the events) gives the same
// report, which is what lets a reviewer trust it.

const REVIEW_TYPES = new Set(["report.commented", "report.field_set", "report.signed_off", "report.reopened"]);
const RAN = new Set(["succeeded", "failed", "timed_out", "cancelled", "interrupted", "done_manually"]);

function firstStarts(events: RunEventRecord[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of events) if (e.type === "step.started" && !out.has(e.stepId)) out.set(e.stepId, e.at);
  return out;
}

function notes(view: RunView): ReportNote[] {
  return [
    ...view.comments.map((c) => ({ ...c, text: redact(c.text), origin: "run" as const })),
    ...view.review.comments.map((c) => ({ ...c, text: redact(c.text), origin: "review" as const })),
  ];
}

/** A step's own budget: its section's, when the section budgets this one step alone. */
function stepBudget(step: Step, parsed: ParsedRunbook, tree: SectionTree): number | null {
  if (!step.section) return null;
  const budget = tree.byId.get(step.section)?.budgetSeconds ?? null;
  if (budget === null) return null;
  const sharing = parsed.steps.filter((s) => s.section && tree.contains(step.section ?? "", s.section));
  return sharing.length === 1 ? budget : null;
}

/** Wall clock of a set of steps: first start to last finish. */
function span(steps: ReportStep[]): number | null {
  const ran = steps.filter((s) => s.startedAt && s.finishedAt);
  if (!ran.length) return null;
  const start = ran.map((s) => s.startedAt ?? "").sort()[0] ?? null;
  const end = ran.map((s) => s.finishedAt ?? "").sort().at(-1) ?? null;
  return msBetween(start, end);
}

/** The rollback's budget: the scenario's, else the narrowest budgeted section holding every step that ran. */
function rtoBudget(parsed: ParsedRunbook, tree: SectionTree, scenario: string | null, ran: ReportStep[]) {
  if (scenario) {
    const section = parsed.scenarios.find((s) => s.id === scenario)?.section ?? null;
    const own = section ? (tree.byId.get(section) ?? null) : null;
    if (own?.budgetSeconds != null) return { budgetSeconds: own.budgetSeconds, source: own.title, section: own };
    for (const t of parsed.tables.filter((x) => x.kind === "rto")) {
      const link = t.links?.find((l) => l.section === section && l.budgetSeconds !== null);
      if (link) return { budgetSeconds: link.budgetSeconds, source: `RTO table: ${link.label}`, section: own };
    }
    return { budgetSeconds: null, source: null, section: own };
  }
  if (!ran.length) return { budgetSeconds: null, source: null, section: null };
  const chains = ran.map((s) => tree.ancestors(s.section));
  const common = (chains[0] ?? []).filter((sec) => chains.every((c) => c.some((x) => x.id === sec.id)));
  const budgeted = common.find((s) => s.budgetSeconds !== null) ?? null;
  return { budgetSeconds: budgeted?.budgetSeconds ?? null, source: budgeted?.title ?? null, section: budgeted ?? common[0] ?? null };
}

function artifacts(steps: ReportStep[]): ArtifactEntry[] {
  return steps
    .filter((s) => s.executor === "backup" || s.executor === "restore" || s.commands.some((c) => c.executor === "backup" || c.executor === "restore"))
    .map((s) => ({
      stepId: s.id,
      title: `#${s.number} ${s.title}`,
      kind: s.executor === "restore" || s.commands.some((c) => c.executor === "restore") ? ("restore" as const) : ("backup" as const),
      status: s.status,
      produced: s.produced,
      location: s.produced.BACKUP_S3_URI ?? s.produced.BACKUP_FILE ?? s.produced.RESTORE_FROM ?? s.produced.BACKUP_DIR ?? null,
      sizeBytes: s.produced.BACKUP_SIZE && /^\d+$/.test(s.produced.BACKUP_SIZE) ? Number(s.produced.BACKUP_SIZE) : null,
      sha256: s.produced.BACKUP_SHA256 ?? null,
      verification: `${
        s.verdicts.length
          ? s.verdicts.map((v) => `${v.outcome}: ${v.expectation}${v.actual ? ` (got ${v.actual})` : ""}`).join("; ")
          : s.status === "succeeded"
            ? "exit code 0"
            : (s.error ?? "—")
      }${s.produced.RESTORE_VERIFICATION ? ` (checks: ${s.produced.RESTORE_VERIFICATION})` : ""}`,
    }));
}

export function buildReport(version: ReportVersionInput, events: RunEventRecord[], runId: string | null = null): Report {
  const { parsed } = version;
  // Sorted by seq, duplicates dropped: the projection ignores them too.
  const ordered = [...events].sort((a, b) => a.seq - b.seq).filter((e, i, all) => i === 0 || e.seq !== all[i - 1]?.seq);
  const view = projectRun(ordered);
  const tree = sectionTree(parsed);
  const scenario = view.created?.scenario ?? null;
  const starts = firstStarts(ordered);
  const allNotes = notes(view);
  const numbers = new Map(parsed.steps.map((s, i) => [s.id, i + 1]));
  const label = (id: string) => `#${numbers.get(id) ?? "?"} ${parsed.steps.find((s) => s.id === id)?.title ?? id}`;

  const steps = parsed.steps
    .filter((s) => tree.inScope(s.section, scenario))
    .map((s) =>
      buildStep(s, view.steps[s.id], {
        number: numbers.get(s.id) ?? 0,
        firstStartedAt: starts.get(s.id) ?? null,
        budgetSeconds: stepBudget(s, parsed, tree),
        notes: allNotes.filter((n) => n.stepId === s.id),
      }),
    );
  const sectionActualMs = (id: string) => span(steps.filter((s) => tree.contains(id, s.section)));
  const checks = parsed.checks.filter((c) => tree.inScope(c.section, scenario));
  const blanks = parsed.blanks.filter((b) => tree.inScope(b.section, scenario));
  const blankRows = blanks.map((b) => {
    const v = view.blanks[b.id];
    return { id: b.id, label: b.label, section: b.section, value: v ? redact(v.value) : null, by: v?.by ?? null, at: v?.at ?? null, fromStep: v?.fromStep ?? null };
  });
  const checkRows = checks.map((c) => {
    const v = view.checks[c.id];
    return { id: c.id, section: c.section, text: c.text, checked: v?.checked ?? c.checked, by: v?.by ?? null, at: v?.at ?? null };
  });

  const sectionIds: (string | null)[] = [null, ...parsed.sections.filter((s) => tree.inScope(s.id, scenario)).map((s) => s.id)];
  const sections: ReportSection[] = sectionIds
    .map((id) => {
      const sec = id ? tree.byId.get(id) : undefined;
      const own = steps.filter((s) => s.section === id);
      const actualMs = id ? sectionActualMs(id) : span(own);
      const budgetSeconds = sec?.budgetSeconds ?? null;
      const within = withinBudget(actualMs, budgetSeconds);
      return {
        id,
        title: sec?.title ?? "Before the first heading",
        depth: sec?.depth ?? 1,
        scenario: id ? tree.scenarioOf(id) : null,
        budgetSeconds,
        actualMs,
        overBudget: within === null ? null : !within,
        steps: own,
        checks: checkRows.filter((c) => c.section === id).map(({ section: _s, ...c }) => c),
        blanks: blankRows.filter((b) => b.section === id).map(({ section: _s, ...b }) => b),
      };
    })
    .filter((s) => s.steps.length || s.checks.length || s.blanks.length || (s.budgetSeconds !== null && s.actualMs !== null));

  const durationMs = msBetween(view.startedAt, view.finishedAt);
  const ran = steps.filter((s) => RAN.has(s.status) && !s.rehearsal);
  const rto = rtoBudget(parsed, tree, scenario, ran);
  const scenarioInfo = scenario ? { id: scenario, title: parsed.scenarios.find((s) => s.id === scenario)?.title ?? scenario } : null;
  const runEvents = ordered.filter((e) => !REVIEW_TYPES.has(e.type));
  const participants = [...new Set(runEvents.flatMap((e) => (e.actor ? [e.actor] : [])))];
  const reviewers = [...new Set(ordered.filter((e) => REVIEW_TYPES.has(e.type)).flatMap((e) => (e.actor ? [e.actor] : [])))];
  const firstQueued = ordered.find((e) => e.type === "step.queued")?.at ?? null;
  const title = view.created?.runbook.title ?? version.runbook.title;

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    summary: {
      title: `Rollback report: ${title}`,
      runId,
      runbook: { slug: view.created?.runbook.slug ?? version.runbook.slug, title, version: view.created?.runbook.version ?? version.number },
      target: view.created?.target ?? null,
      scenario: scenarioInfo,
      drill: view.created?.drill ?? false,
      commander: view.startedBy,
      participants,
      reviewers,
      startedAt: view.startedAt,
      finishedAt: view.finishedAt,
      durationMs,
      executionMs: steps.reduce((n, s) => n + (s.durationMs ?? 0), 0),
      rto: { budgetSeconds: rto.budgetSeconds, source: rto.source, withinBudget: withinBudget(durationMs, rto.budgetSeconds) },
      outcome: view.status,
      finishNote: view.finishNote ? redact(view.finishNote) : null,
      variables: Object.fromEntries(Object.entries(view.created?.variables ?? {}).map(([k, v]) => [k, redact(v)])),
      counts: {
        inScope: steps.length,
        succeeded: steps.filter((s) => s.status === "succeeded").length,
        failed: steps.filter((s) => ["failed", "timed_out", "interrupted", "cancelled"].includes(s.status)).length,
        skipped: steps.filter((s) => s.status === "skipped").length,
        manual: steps.filter((s) => s.status === "done_manually").length,
        notRun: steps.filter((s) => s.status === "pending").length,
      },
    },
    timeline: buildTimeline(ordered, label, {
      checks: new Map(parsed.checks.map((c) => [c.id, c.text])),
      blanks: new Map(parsed.blanks.map((b) => [b.id, b.label])),
    }),
    sections,
    chart: steps
      .filter((s) => s.durationMs !== null)
      .map((s) => ({ stepId: s.id, label: `#${s.number} ${s.title}`, actualSeconds: (s.durationMs ?? 0) / 1000, budgetSeconds: s.budgetSeconds })),
    rtoTables: fillRtoTables(parsed, tree, {
      sectionActualMs,
      runScenario: scenario,
      runDurationMs: durationMs,
      blankValue: (l) => blankRows.find((b) => b.label.trim().toLowerCase() === l && b.value)?.value ?? null,
    }),
    artifacts: artifacts(steps),
    incident: incidentFields(
      {
        rollbackType: scenarioInfo?.title ?? rto.section?.title ?? null,
        initiatedAt: firstQueued ?? view.startedAt,
        completedAt: view.finishedAt,
        durationMs,
        outcome: view.status,
        steps: ran,
        blanks: blankRows,
      },
      view.review,
    ),
    comments: allNotes.filter((n) => n.stepId === null),
    review: {
      comments: allNotes.filter((n) => n.origin === "review"),
      signOff: view.review.signOff ? { ...view.review.signOff, note: redact(view.review.signOff.note) } : null,
      history: view.review.events.map((h) => ({ ...h, text: redact(h.text) })),
    },
    approvals: (view.approvalLog ?? []).map((a) => ({ ...a, step: label(a.stepId), text: redact(a.text) })),
    lastSeq: view.lastSeq,
  };
}
