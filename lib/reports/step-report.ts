import { maskSecrets } from "@/lib/executors/mask-secrets";
import type { OutputChunk, Verdict } from "@/lib/executors/types";
import type { Expectation, Step } from "@/lib/importer/types";
import type { StepView } from "@/lib/runs/project";
import { withinBudget } from "./format";
import type { ReportNote, ReportOutput, ReportStep, ReportVerdict } from "./types";

// One step of the report. Stored output is already masked by the executors; every text is masked
// once more for URL passwords, so a report never shows more than the run did.

const EXCERPT_HEAD = 15;
const EXCERPT_TAIL = 15;
const TABLE_ROWS = 20;

export const redact = (s: string): string => maskSecrets(s, []);

export function summarizeOutput(chunks: OutputChunk[]): ReportOutput {
  const text = redact(chunks.map((c) => (c.stream === "table" ? "" : c.text)).join(""));
  const all = text.endsWith("\n") ? text.slice(0, -1).split("\n") : text ? text.split("\n") : [];
  const cut = all.length > EXCERPT_HEAD + EXCERPT_TAIL;
  const omittedLines = cut ? all.length - EXCERPT_HEAD - EXCERPT_TAIL : 0;
  const excerpt = cut
    ? [...all.slice(0, EXCERPT_HEAD), `… ${omittedLines} line(s) omitted …`, ...all.slice(all.length - EXCERPT_TAIL)].join("\n")
    : all.join("\n");
  const tables = chunks.flatMap((c) =>
    c.stream === "table"
      ? [
          {
            columns: c.columns.map(redact),
            rows: c.rows.slice(0, TABLE_ROWS).map((r) => r.map(redact)),
            rowCount: c.rowCount,
            truncated: c.truncated || c.rows.length > TABLE_ROWS,
            command: redact(c.command),
          },
        ]
      : [],
  );
  return { text, lineCount: all.length, excerpt, omittedLines, tables };
}

export function expectationText(e: Expectation): string {
  switch (e.kind) {
    case "exitCode":
      return `exit code ${e.equals}`;
    case "rowCount":
      return `${e.equals} row(s)`;
    case "scalar":
      return `value ${e.equals}`;
    case "set":
      return `values ${e.equals.join(", ")}`;
    case "contains":
      return `output contains "${e.text}"`;
    case "httpStatus":
      return `HTTP ${e.equals}`;
    case "note":
      return e.text;
  }
}

function verdictOf(v: Verdict): ReportVerdict {
  return { expectation: redact(expectationText(v.expectation)), kind: v.expectation.kind, outcome: v.outcome, actual: redact(v.actual), reason: redact(v.reason) };
}

export interface StepExtras {
  number: number;
  firstStartedAt: string | null;
  budgetSeconds: number | null;
  notes: ReportNote[];
}

export function buildStep(step: Step, view: StepView | undefined, x: StepExtras): ReportStep {
  const s = view;
  const durationMs = s?.durationMs ?? null;
  // Expectations that never got a verdict (step not run) still belong in the report.
  const verdicts: ReportVerdict[] = s?.verdicts.length
    ? s.verdicts.map(verdictOf)
    : step.commands.flatMap((c) => c.expect).map((e) => ({ expectation: redact(expectationText(e)), kind: e.kind, outcome: "not_checkable" as const, actual: "", reason: "not run" }));
  return {
    id: step.id,
    number: x.number,
    title: step.title,
    section: step.section,
    executor: step.executor,
    destructive: step.destructive,
    status: s?.status ?? "pending",
    attempts: s?.attempt ?? 0,
    rehearsal: s?.rehearsal ?? false,
    queuedBy: s?.queuedBy ?? null,
    confirmation: s?.confirmation ?? null,
    startedAt: x.firstStartedAt ?? s?.startedAt ?? null,
    finishedAt: s?.finishedAt ?? null,
    durationMs,
    budgetSeconds: x.budgetSeconds,
    overBudget: ((w) => (w === null ? null : !w))(withinBudget(durationMs, x.budgetSeconds)),
    commands: step.commands.map((c) => ({ executor: c.executor, code: redact(c.code), destructive: c.destructive })),
    output: summarizeOutput(s?.output ?? []),
    verdicts,
    exitCode: s?.exitCode ?? null,
    error: s?.error ? redact(s.error) : null,
    reason: s?.reason ? redact(s.reason) : null,
    manual: s?.manual ? { note: redact(s.manual.note), output: redact(s.manual.output), by: s.manual.by } : null,
    acknowledged: s?.acknowledged ? { by: s.acknowledged.by, note: redact(s.acknowledged.note) } : null,
    produced: Object.fromEntries(Object.entries(s?.produced ?? {}).map(([k, v]) => [k, redact(v)])),
    notes: x.notes,
  };
}
