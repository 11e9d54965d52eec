import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { actorLabel } from "@/lib/auth/actor-label";
import { capabilities, requireRunPermission } from "@/lib/auth/page-guard";
import { SafeError } from "@/lib/errors";
import { readPageEvents } from "@/lib/runs/page-events";
import { projectRun } from "@/lib/runs/project";
import { runBudget } from "@/lib/runs/rto-clock";
import { loadRunContext } from "@/lib/runs/service";
import { Comments } from "./comments";
import { inScenario, stepScenarios } from "@/lib/importer/document-tree";
import { FinishRun } from "./finish-run";
import { ProductionBanner } from "./production-banner";
import { RUN_CAPABILITIES } from "./run-capabilities";
import type { RunMeta } from "./run-context";
import { RunDocument } from "./run-document";
import { RunHeader } from "./run-header";
import { RunLiveProvider } from "./run-live";

export const dynamic = "force-dynamic";

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

// Once per request: the metadata and the page read the same run.
const load = cache(async (id: string) => {
  if (!idSchema.safeParse(id).success) notFound();
  const ctx = await loadRunContext(id).catch((e: unknown) => {
    if (e instanceof SafeError) notFound();
    throw e;
  });
  // Server-rendered from the same events the client then follows live: every state event, and of
  // big outputs the tail (the browser loads the rest: `elided`).
  const { events, elided } = await readPageEvents(id);
  return { ctx, events, elided, view: projectRun(events) };
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  if (!idSchema.safeParse(id).success) notFound();
  await requireRunPermission("run.view", id);
  const { view, ctx } = await load(id);
  return { title: `Run: ${view.created?.runbook.title ?? ctx.parsed.title} on ${ctx.targetName}` };
}

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!idSchema.safeParse(id).success) notFound();
  const { user, targetName } = await requireRunPermission("run.view", id);
  const { ctx, events, elided, view } = await load(id);
  const { parsed } = ctx;
  const runScenario = view.created?.scenario ?? null;
  const scenarios = stepScenarios(parsed);
  const scope = parsed.steps.filter((s) => inScenario(scenarios.get(s.id) ?? null, runScenario));
  const meta: RunMeta = {
    runId: ctx.runId,
    targetName: ctx.targetName,
    targetProtected: ctx.targetProtected,
    scenario: runScenario,
    scopeStepIds: scope.map((s) => s.id),
    stepNumbers: Object.fromEntries(parsed.steps.map((s, i) => [s.id, i + 1])),
    stepTitles: Object.fromEntries(parsed.steps.map((s) => [s.id, s.title])),
    me: { id: user.id, label: actorLabel(user) },
    can: capabilities(user, RUN_CAPABILITIES, targetName),
  };
  const scenarioTitle = runScenario ? (parsed.scenarios.find((s) => s.id === runScenario)?.title ?? runScenario) : null;
  return (
    <RunLiveProvider meta={meta} initialEvents={events} elided={elided}>
      {ctx.targetProtected ? <ProductionBanner targetName={ctx.targetName} /> : null}
      <RunHeader scenarioTitle={scenarioTitle} budget={runBudget(parsed, runScenario)} />
      <RunDocument parsed={parsed} runScenario={runScenario} />
      <FinishRun />
      <section aria-labelledby="run-comments" className="mt-6 rounded border border-slate-200 bg-white p-4">
        <h2 id="run-comments" className="mb-2 text-lg font-semibold">
          Run comments
        </h2>
        <Comments stepId={null} />
      </section>
    </RunLiveProvider>
  );
}
