import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";
import { inScenario, stepScenarios } from "@/lib/importer/document-tree";
import type { ParsedRunbook } from "@/lib/importer/types";
import type { RunEventRecord } from "@/lib/runs/event-types";
import { readEvents, readStateEvents } from "@/lib/runs/events";
import { projectRun } from "@/lib/runs/project";
import { startRunner } from "@/lib/runs/runner";
import { finishRun, queueStep, skipStep, startRun } from "@/lib/runs/service";
import { importRunbook } from "@/lib/services/runbooks";
import { upsertTarget } from "@/lib/services/targets";
import { formatEvent } from "./format-event";

// `desk run`: the same engine as the UI (queue, runner, event log), driven without a browser.
// Runs made here show up in the UI like any other.

export interface HeadlessOptions {
  file: { name: string; text: string } | null;
  runbookRef: string;
  target: string;
  scenario: string | null;
  databaseUrl: string | null;
  variables: Record<string, string>;
  yes: boolean;
  // Rollbacks stop at the first failed step; a rehearsal or drill may want to see everything.
  keepGoing: boolean;
  actor: string;
  log: (line: string) => void;
}

export interface HeadlessSummary {
  runId: string;
  status: "succeeded" | "failed";
  steps: { id: string; executor: string; status: string; durationMs: number | null; verdicts: { kind: string; outcome: string; actual: string }[] }[];
  manual: { kind: "step" | "check" | "blank"; id: string; text: string; reason: string }[];
}

const TERMINAL = new Set(["succeeded", "failed", "cancelled", "timed_out", "skipped", "interrupted", "done_manually"]);

async function resolveRunbook(o: HeadlessOptions): Promise<{ slug: string; parsed: ParsedRunbook }> {
  let slug: string;
  if (o.file) {
    slug = (await importRunbook({ text: o.file.text, fileName: o.file.name, origin: "cli", importedBy: o.actor })).slug;
  } else {
    const found = await db.runbook.findFirst({ where: { OR: [{ id: o.runbookRef }, { slug: o.runbookRef }] }, select: { slug: true } });
    if (!found) throw new SafeError(`No file and no runbook with id or slug "${o.runbookRef}".`);
    slug = found.slug;
  }
  const v = await db.runbookVersion.findFirstOrThrow({
    where: { runbook: { slug } },
    orderBy: { number: "desc" },
    select: { parsed: true },
  });
  return { slug, parsed: v.parsed as unknown as ParsedRunbook };
}


async function waitForStep(runId: string, stepId: string, after: number, log: (l: string) => void): Promise<number> {
  let seq = after;
  for (;;) {
    const events: RunEventRecord[] = await readEvents(runId, seq);
    for (const e of events) {
      seq = e.seq;
      const line = formatEvent(e);
      if (line) log(line);
    }
    const sr = await db.stepRun.findUniqueOrThrow({ where: { runId_stepId: { runId, stepId } }, select: { status: true } });
    if (TERMINAL.has(sr.status) && events.length === 0) return seq;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function executeHeadless(o: HeadlessOptions): Promise<HeadlessSummary> {
  if (o.databaseUrl) {
    const existing = await db.target.findUnique({ where: { name: o.target }, select: { protected: true } });
    if (existing?.protected) throw new SafeError(`Target "${o.target}" is protected; --database-url cannot redefine it.`);
    await upsertTarget({ name: o.target, url: o.databaseUrl, description: "Defined on the fly by desk run --database-url" });
  }
  const target = await db.target.findUnique({ where: { name: o.target }, select: { protected: true } });
  if (!target) throw new SafeError(`No target named "${o.target}". Define one with --database-url or DESK_TARGET_<NAME>_URL.`);
  const { slug, parsed } = await resolveRunbook(o);
  const scenarios = stepScenarios(parsed);
  // Headless, no --scenario means no scenario's steps: running every alternative in a row
  // (downgrade *and* restore…) is never what a rollback wants.
  const chosen = parsed.steps.filter((s) => {
    const own = scenarios.get(s.id) ?? null;
    return o.scenario === null ? own === null : inScenario(own, o.scenario);
  });
  if (o.yes && target.protected) throw new SafeError(`--yes is refused on protected target "${o.target}": confirm in the UI.`);
  const destructive = chosen.filter((s) => s.destructive);
  if (destructive.length && !o.yes) {
    throw new SafeError(
      `This run includes ${destructive.length} destructive step(s) (${destructive.map((s) => s.id).join(", ")}). Pass --yes to confirm, or run it in the UI.`,
    );
  }
  const { runId } = await startRun({ runbookSlug: slug, targetName: o.target, scenario: o.scenario, variables: o.variables, drill: false, actor: o.actor });
  o.log(`Run ${runId} of ${slug} on ${o.target}${o.scenario ? ` (${o.scenario})` : ""}`);
  const runner = await startRunner({ connectionString: process.env.DATABASE_URL ?? "", concurrency: 1 });
  const manual: HeadlessSummary["manual"] = [];
  let seq = 0;
  let failedAt: string | null = null;
  try {
    const preflight = projectRun(await readStateEvents(runId)).preflight;
    for (const step of parsed.steps) {
      if (!chosen.includes(step)) {
        const scenario = scenarios.get(step.id);
        manual.push({ kind: "step", id: step.id, text: step.title, reason: `belongs to ${scenario ?? "another scenario"}, not chosen (--scenario)` });
        continue;
      }
      const pf = preflight[step.id];
      if (pf && !pf.runnable) {
        manual.push({ kind: "step", id: step.id, text: step.title, reason: pf.reason ?? "manual" });
        continue;
      }
      if (failedAt && !o.keepGoing) {
        await skipStep(runId, step.id, o.actor, `not run: step ${failedAt} failed`);
        continue;
      }
      await queueStep({ runId, stepId: step.id, actor: o.actor, confirmation: step.destructive ? o.target : null, rehearsal: false });
      seq = await waitForStep(runId, step.id, seq, o.log);
      const sr = await db.stepRun.findUniqueOrThrow({ where: { runId_stepId: { runId, stepId: step.id } }, select: { status: true } });
      if (sr.status !== "succeeded") failedAt ??= step.id;
    }
  } finally {
    await runner.stop();
  }
  for (const c of parsed.checks) manual.push({ kind: "check", id: c.id, text: c.text, reason: "checklist item for a person" });
  for (const b of parsed.blanks) manual.push({ kind: "blank", id: b.id, text: b.label, reason: "to be filled in by a person" });
  const view = projectRun(await readStateEvents(runId));
  const steps = chosen
    .filter((s) => view.steps[s.id] && view.steps[s.id]?.status !== "pending")
    .map((s) => {
      const st = view.steps[s.id];
      return {
        id: s.id,
        executor: s.executor,
        status: st?.status ?? "pending",
        durationMs: st?.durationMs ?? null,
        verdicts: (st?.verdicts ?? []).map((v) => ({ kind: v.expectation.kind, outcome: v.outcome, actual: v.actual })),
      };
    });
  const ok = steps.every((s) => s.status === "succeeded" && s.verdicts.every((v) => v.outcome !== "fail"));
  await finishRun(runId, ok ? "succeeded" : "failed", "headless run (desk run)", o.actor);
  return { runId, status: ok ? "succeeded" : "failed", steps, manual };
}
