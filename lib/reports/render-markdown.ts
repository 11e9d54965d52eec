import { formatBudget, formatDateTime, formatDuration, statusLabel, versusBudget } from "./format";
import type { Report, ReportSection, ReportStep } from "./types";

// The report as one self-contained Markdown document (GFM tables, fenced excerpts) to paste into
// an incident tracker. Pure and deterministic: same report → byte-identical text.

const cell = (s: string | null | undefined): string =>
  (s ?? "").replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>").trim() || " ";

function table(header: string[], rows: string[][]): string {
  return [`| ${header.map(cell).join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${header.map((_, i) => cell(r[i])).join(" | ")} |`)].join("\n");
}

function fence(body: string, lang = ""): string {
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((m) => m.length));
  const ticks = "`".repeat(longest + 1);
  return `${ticks}${lang}\n${body.replace(/\n$/, "")}\n${ticks}`;
}

const inline = (s: string) => s.replace(/\r?\n/g, " ").trim();
const who = (by: string | null) => by ?? "the desk";

function summary(r: Report): string {
  const s = r.summary;
  const rows: string[][] = [
    ["Runbook", `${s.runbook.title} (\`${s.runbook.slug}\`, version ${s.runbook.version})`],
    ["Target", s.target ? `${s.target.name}${s.target.protected ? " (production)" : ""}` : "—"],
    ["Scenario", s.scenario?.title ?? "whole runbook"],
    ["Drill", s.drill ? "yes" : "no"],
    ["Commander", s.commander ?? "—"],
    ["Participants", s.participants.join(", ") || "—"],
    ["Started", formatDateTime(s.startedAt)],
    ["Finished", formatDateTime(s.finishedAt)],
    ["Duration", s.durationMs === null ? "—" : versusBudget(s.durationMs, s.rto.budgetSeconds)],
    ["RTO", s.rto.budgetSeconds === null ? "none documented" : `${formatBudget(s.rto.budgetSeconds)} (${s.rto.source ?? ""})${s.rto.withinBudget === null ? "" : s.rto.withinBudget ? ", met" : ", missed"}`],
    ["Step execution time", formatDuration(s.executionMs)],
    ["Outcome", `${statusLabel(s.outcome)}${s.finishNote ? ` — ${s.finishNote}` : ""}`],
    ["Steps", `${s.counts.succeeded} succeeded, ${s.counts.failed} failed, ${s.counts.skipped} skipped, ${s.counts.manual} by hand, ${s.counts.notRun} not run (of ${s.counts.inScope})`],
  ];
  if (s.runId) rows.unshift(["Run", `\`${s.runId}\``]);
  const vars = Object.entries(s.variables);
  if (vars.length) rows.push(["Inputs", vars.map(([k, v]) => `${k}=${v}`).join(", ")]);
  if (s.reviewers.length) rows.push(["Reviewers", s.reviewers.join(", ")]);
  return `## Summary\n\n${table(["", ""], rows)}`;
}

function signOff(r: Report): string {
  const so = r.review.signOff;
  if (so) return `> **Signed off** by ${so.name} (${who(so.by)}) at ${formatDateTime(so.at)}${so.note ? `: ${inline(so.note)}` : ""}`;
  const last = r.review.history.at(-1);
  if (last?.kind === "reopened") return `> **Reopened** by ${who(last.by)} at ${formatDateTime(last.at)}: ${inline(last.text)}`;
  return "> Not signed off yet.";
}

function stepDetail(s: ReportStep): string {
  const out: string[] = [`#### #${s.number} ${inline(s.title)}`, ""];
  const facts = [
    `- Status: **${statusLabel(s.status)}**${s.rehearsal ? " (rehearsal)" : ""}${s.attempts > 1 ? `, ${s.attempts} attempts` : ""}`,
    `- Executor: ${s.executor}${s.destructive ? ", destructive" : ""}`,
    `- Duration: ${versusBudget(s.durationMs, s.budgetSeconds)}`,
  ];
  if (s.startedAt || s.finishedAt) facts.push(`- Started ${formatDateTime(s.startedAt)}, finished ${formatDateTime(s.finishedAt)}`);
  if (s.queuedBy) facts.push(`- Run by ${s.queuedBy}${s.confirmation ? `, confirmed by typing "${inline(s.confirmation)}"` : ""}`);
  if (s.error) facts.push(`- Error: ${inline(s.error)}`);
  if (s.reason) facts.push(`- Reason: ${inline(s.reason)}`);
  if (s.manual) facts.push(`- Done by hand by ${who(s.manual.by)}${s.manual.note ? `: ${inline(s.manual.note)}` : ""}`);
  if (s.acknowledged) facts.push(`- Failed verification acknowledged by ${who(s.acknowledged.by)}: ${inline(s.acknowledged.note)}`);
  const produced = Object.entries(s.produced);
  if (produced.length) facts.push(`- Produced: ${produced.map(([k, v]) => `${k}=\`${v}\``).join(", ")}`);
  out.push(...facts, "");
  if (s.commands.length) out.push("Commands:", "", ...s.commands.map((c) => fence(c.code, c.executor === "sql" ? "sql" : c.executor === "shell" ? "sh" : "")), "");
  if (s.verdicts.length) {
    out.push(table(["Expectation", "Verdict", "Actual"], s.verdicts.map((v) => [v.expectation, v.outcome === "not_checkable" ? v.reason || "not checkable" : v.outcome, v.actual])), "");
  }
  for (const t of s.output.tables) {
    out.push(`Result (${t.rowCount} row(s)${t.truncated ? ", first rows shown" : ""}):`, "", t.columns.length ? table(t.columns, t.rows) : "(no columns)", "");
  }
  if (s.output.excerpt) out.push(`Output (${s.output.lineCount} line(s)${s.output.omittedLines ? `, ${s.output.omittedLines} omitted here; full output in the JSON export` : ""}):`, "", fence(s.output.excerpt, "text"), "");
  if (s.manual?.output) out.push("Output pasted by hand:", "", fence(s.manual.output, "text"), "");
  for (const n of s.notes) out.push(`> ${n.origin === "review" ? "Review comment" : "Comment"} by ${who(n.by)} at ${formatDateTime(n.at)}: ${inline(n.text)}`, "");
  return out.join("\n").trimEnd();
}

function section(sec: ReportSection): string {
  const out: string[] = [`### ${inline(sec.title)}`, ""];
  if (sec.budgetSeconds !== null || sec.actualMs !== null) out.push(`Time: ${versusBudget(sec.actualMs, sec.budgetSeconds)}`, "");
  if (sec.checks.length) {
    out.push(...sec.checks.map((c) => `- [${c.checked ? "x" : " "}] ${inline(c.text)}${c.by ? ` — ${c.checked ? "ticked" : "unticked"} by ${c.by} at ${formatDateTime(c.at)}` : ""}`), "");
  }
  if (sec.blanks.length) out.push(...sec.blanks.map((b) => `- ${inline(b.label)}: ${b.value ? `**${inline(b.value)}** (${who(b.by)}, ${formatDateTime(b.at)})` : "_not filled_"}`), "");
  for (const s of sec.steps) out.push(stepDetail(s), "");
  return out.join("\n").trimEnd();
}

export function reportToMarkdown(r: Report): string {
  const s = r.summary;
  const parts: string[] = [`# ${inline(s.title)}`, signOff(r), summary(r)];
  if (r.chart.length) {
    parts.push(`## Step durations\n\n${table(["Step", "Status", "Duration", "Budget", ""], r.sections.flatMap((sec) => sec.steps).filter((x) => x.durationMs !== null || x.status !== "pending").map((x) => [`#${x.number} ${x.title}`, statusLabel(x.status), formatDuration(x.durationMs), formatBudget(x.budgetSeconds), x.overBudget === null ? "" : x.overBudget ? "over budget" : "within budget"]))}`);
  }
  for (const t of r.rtoTables) parts.push(`## ${t.title.toLowerCase() === "recovery time objectives" ? "Recovery time objectives" : `Recovery time objectives: ${inline(t.title)}`}\n\n${table(t.header, t.rows)}`);
  if (r.artifacts.length) {
    parts.push(
      `## Backups and restores\n\n${table(
        ["Step", "Kind", "Status", "Location", "Size", "SHA-256", "Verification"],
        r.artifacts.map((a) => [a.title, a.kind, statusLabel(a.status), a.location ? `\`${a.location}\`` : "—", a.sizeBytes === null ? "—" : `${a.sizeBytes} bytes`, a.sha256 ? `\`${a.sha256}\`` : "—", a.verification]),
      )}`,
    );
  }
  const groups = [...new Set(r.incident.map((f) => f.group))];
  parts.push(
    `## Incident report\n\n${groups
      .map((g) => `**${g}**\n\n${r.incident.filter((f) => f.group === g).map((f) => `- ${f.label}: ${f.value ? inline(f.value) : "_____"}${f.source === "run" ? " _(from the run)_" : f.source === "runbook" ? " _(typed during the run)_" : ""}`).join("\n")}`)
      .join("\n\n")}`,
  );
  if (r.approvals.length) {
    const kind = { requested: "approval requested", granted: "approved", rejected: "rejected", break_glass: "**BREAK GLASS** (no second approval)" } as const;
    parts.push(`## Approvals (two-person rule)\n\n${table(["Time (UTC)", "Step", "Decision", "Who", "Note"], r.approvals.map((a) => [formatDateTime(a.at).replace(" UTC", ""), a.step, kind[a.kind], a.by ?? "desk", a.text]))}`);
  }
  parts.push(`## Timeline\n\n${table(["#", "Time (UTC)", "Who", "What"], r.timeline.map((e) => [String(e.seq), formatDateTime(e.at).replace(" UTC", ""), e.actor ?? "desk", e.text]))}`);
  parts.push(`## Steps\n\n${r.sections.map(section).join("\n\n")}`);
  if (r.comments.length) parts.push(`## Comments\n\n${r.comments.map((c) => `- ${formatDateTime(c.at)} ${who(c.by)}${c.origin === "review" ? " (review)" : ""}: ${inline(c.text)}`).join("\n")}`);
  if (r.review.history.length) {
    parts.push(`## Review history\n\n${r.review.history.map((h) => `- ${formatDateTime(h.at)} ${h.kind === "signed_off" ? `signed off as ${h.name ?? ""}` : "reopened"} by ${who(h.by)}${h.text ? `: ${inline(h.text)}` : ""}`).join("\n")}`);
  }
  parts.push(`---\n\n_Built from ${r.lastSeq} run events and ${s.runbook.slug} version ${s.runbook.version} by Runbook Desk._`);
  return `${parts.join("\n\n")}\n`;
}
