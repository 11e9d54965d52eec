import { maskSecrets } from "@/lib/executors/mask-secrets";
import type { RunEventRecord } from "@/lib/runs/event-types";
import { formatDuration, statusLabel } from "./format";
import type { TimelineEntry } from "./types";

// One line per event of the log, written for a reviewer. Every event appears (output batches as
// a line count), so the timeline is the whole story in order.

export type StepLabel = (stepId: string) => string;

function lines(text: string): number {
  return text.split("\n").filter((l, i, all) => l !== "" || i < all.length - 1).length;
}

function describe(e: RunEventRecord, label: StepLabel): string {
  switch (e.type) {
    case "run.created": {
      const p = e.payload;
      return `Run started: ${p.runbook.title} v${p.runbook.version} on ${p.target.name}${p.scenario ? `, ${p.scenario}` : ""}${p.drill ? " (drill)" : ""}`;
    }
    case "run.preflight": {
      const blocked = e.payload.steps.filter((s) => !s.runnable).length;
      return `Preflight: ${e.payload.steps.length - blocked} runnable, ${blocked} manual or blocked`;
    }
    case "step.queued":
      return `${label(e.stepId)} queued (attempt ${e.payload.attempt}${e.payload.rehearsal ? ", rehearsal" : ""}${e.payload.confirmation ? `, confirmed as "${e.payload.confirmation}"` : ""})`;
    case "step.started":
      return `${label(e.stepId)} started`;
    case "step.output": {
      const text = e.payload.chunks.reduce((n, c) => n + (c.stream === "table" ? 0 : lines(c.text)), 0);
      const tables = e.payload.chunks.filter((c) => c.stream === "table").length;
      return `${label(e.stepId)} output: ${text} line(s)${tables ? `, ${tables} result table(s)` : ""}`;
    }
    case "step.finished": {
      const p = e.payload;
      const verdicts = p.verdicts.length
        ? `; verdicts ${p.verdicts.filter((v) => v.outcome === "pass").length} pass, ${p.verdicts.filter((v) => v.outcome === "fail").length} fail`
        : "";
      return `${label(e.stepId)} ${statusLabel(p.status)} in ${formatDuration(p.durationMs)}${p.rehearsal ? " (rehearsal)" : ""}${verdicts}${p.error ? `: ${p.error}` : ""}`;
    }
    case "step.cancel_requested":
      return `${label(e.stepId)} cancel requested`;
    case "step.skipped":
      return `${label(e.stepId)} skipped: ${e.payload.reason}`;
    case "step.interrupted":
      return `${label(e.stepId)} interrupted: ${e.payload.reason}`;
    case "step.manual_done":
      return `${label(e.stepId)} done by hand${e.payload.note ? `: ${e.payload.note}` : ""}`;
    case "check.ticked":
      return `Checklist item ${e.payload.checked ? "ticked" : "unticked"}: ${e.payload.checkId}`;
    case "blank.filled":
      return `Blank ${e.payload.blankId} filled: ${e.payload.value}`;
    case "verdict.acknowledged":
      return `${label(e.stepId)} failed verification acknowledged: ${e.payload.note}`;
    case "comment.added":
      return `Comment${e.stepId ? ` on ${label(e.stepId)}` : ""}: ${e.payload.text}`;
    case "run.finished":
      return `Run finished: ${statusLabel(e.payload.status)}${e.payload.note ? ` (${e.payload.note})` : ""}`;
    case "approval.requested":
      return `${label(e.stepId)} approval requested (two-person rule on ${e.payload.targetName})${e.payload.reason ? `: ${e.payload.reason}` : ""}`;
    case "approval.granted":
      return `${label(e.stepId)} approved${e.payload.note ? `: ${e.payload.note}` : ""}`;
    case "approval.rejected":
      return `${label(e.stepId)} approval rejected: ${e.payload.reason}`;
    case "approval.break_glass":
      return `BREAK GLASS: ${label(e.stepId)} run without a second approval on ${e.payload.targetName}: ${e.payload.reason}`;
    case "report.commented":
      return `Review comment${e.stepId ? ` on ${label(e.stepId)}` : ""}: ${e.payload.text}`;
    case "report.field_set":
      return `Report field ${e.payload.field} set: ${e.payload.value}`;
    case "report.signed_off":
      return `Report signed off by ${e.payload.name}${e.payload.note ? `: ${e.payload.note}` : ""}`;
    case "report.reopened":
      return `Report reopened: ${e.payload.reason}`;
  }
}

/** Checklist and blank ids are replaced by their text when the runbook knows them. */
export function buildTimeline(events: RunEventRecord[], label: StepLabel, names: { checks: Map<string, string>; blanks: Map<string, string> }): TimelineEntry[] {
  return events.map((e) => {
    let text = describe(e, label);
    if (e.type === "check.ticked") text = text.replace(e.payload.checkId, names.checks.get(e.payload.checkId) ?? e.payload.checkId);
    if (e.type === "blank.filled") text = text.replace(`Blank ${e.payload.blankId}`, `Blank "${names.blanks.get(e.payload.blankId) ?? e.payload.blankId}"`);
    return {
      seq: e.seq,
      at: e.at,
      actor: e.actor,
      type: e.type,
      stepId: "stepId" in e && e.stepId ? e.stepId : null,
      text: maskSecrets(text, []),
    };
  });
}
