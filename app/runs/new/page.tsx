import type { Metadata } from "next";
import Link from "next/link";
import { isSecretName } from "@/lib/runs/variables";
import { variablesToAsk } from "@/lib/runs/preflight";
import { getRunbookVersion, listRunbooks } from "@/lib/services/runbooks";
import { listTargets } from "@/lib/services/targets";
import { startSearchSchema } from "./schemas";
import { StartRunForm } from "./start-run-form";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { allows } from "@/lib/auth/permissions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Start a run" };

async function ChooseRunbook() {
  const runbooks = await listRunbooks();
  return (
    <section aria-labelledby="choose-heading">
      <h1 id="choose-heading" className="text-2xl font-semibold">
        Start a run
      </h1>
      <p className="mt-1 text-sm text-slate-600">Which runbook?</p>
      {runbooks.length === 0 ? (
        <p className="mt-4 text-sm">
          No runbooks yet: <Link href="/import" className="underline">import one</Link> first.
        </p>
      ) : (
        <ul aria-label="Runbooks" className="mt-4 grid gap-2 md:grid-cols-2">
          {runbooks.map((r) => (
            <li key={r.id}>
              <Link href={`/runs/new?runbook=${encodeURIComponent(r.slug)}`} className="block rounded border border-slate-200 bg-white p-3 hover:border-slate-400">
                <span className="font-medium">{r.title}</span>
                {r.latest ? (
                  <span className="block text-sm text-slate-500">
                    v{r.latest.number} · {r.latest.steps} steps{r.latest.destructive ? ` · ${r.latest.destructive} destructive` : ""}
                  </span>
                ) : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default async function NewRunPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission("runbook.read");
  const raw = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const search = startSearchSchema.parse({
    runbook: first(raw.runbook),
    version: first(raw.version),
    scenario: first(raw.scenario),
    target: first(raw.target),
  });
  if (!search.runbook) return <ChooseRunbook />;
  const [found, allTargets] = await Promise.all([getRunbookVersion(search.runbook, search.version), listTargets()]);
  // Only targets this user may start runs on are offered (the action checks again).
  const targets = allTargets.filter((t) => allows(user.grants, "run.start", t.name));
  if (!found) {
    return (
      <div className="rounded border border-slate-200 bg-white p-6">
        <h1 className="text-lg font-semibold">No runbook “{search.runbook}”{search.version ? ` version ${search.version}` : ""}</h1>
        <p className="mt-1 text-sm text-slate-600">
          <Link href="/runs/new" className="underline">Choose another runbook</Link>.
        </p>
      </div>
    );
  }
  const { runbook, version } = found;
  const parsed = version.parsed;
  const ask = variablesToAsk(parsed).map((name) => ({ name, secret: isSecretName(name) }));
  const destructive = parsed.steps.filter((s) => s.destructive).length;
  const scenario = parsed.scenarios.some((s) => s.id === search.scenario) ? (search.scenario ?? null) : null;
  return (
    <section aria-labelledby="start-heading" className="max-w-3xl">
      <p className="text-sm text-slate-500">Start a run</p>
      <h1 id="start-heading" className="text-2xl font-semibold">
        {runbook.title} <span className="rounded bg-slate-200 px-1.5 py-0.5 align-middle text-xs font-medium text-slate-700">v{version.number}</span>
      </h1>
      <p className="mt-1 text-sm text-slate-600">
        {parsed.steps.length} steps · {parsed.checks.length} checks
        {destructive ? <span className="font-semibold text-red-800"> · {destructive} destructive</span> : null}
        {" · "}
        <Link href={`/runbooks/${encodeURIComponent(runbook.slug)}?v=${version.number}`} className="underline">
          read it first
        </Link>
      </p>
      <StartRunForm
        runbook={{ slug: runbook.slug, version: version.number }}
        targets={targets.map((t) => ({ name: t.name, protected: t.protected, description: t.description }))}
        scenarios={parsed.scenarios.map((s) => ({ id: s.id, title: s.title }))}
        defaultScenario={scenario}
        defaultTarget={search.target ?? null}
        variables={ask}
      />
    </section>
  );
}
