import { CodeBlock } from "@/components/markdown/code-block";
import { formatExpectation, isCheckable } from "@/components/markdown/format-expectation";
import { DestructiveBadge, ExecutorBadge } from "@/components/markdown/step-badges";
import type { Step } from "@/lib/importer/types";

export function StepCard({ step, number }: { step: Step; number: number }) {
  // Which tool a manual step needs (alembic, aws…); for runnable steps the executor says enough.
  const tools =
    step.executor === "manual" ? [...new Set(step.commands.map((c) => c.tool).filter((t): t is string => Boolean(t)))] : [];
  const executors = [...new Set(step.commands.map((c) => c.executor))];
  const mixed = executors.length > 1;
  return (
    <article
      id={`step-${step.id}`}
      data-testid="step-card"
      data-step-id={step.id}
      data-executor={step.executor}
      data-destructive={step.destructive ? "true" : "false"}
      data-lines={`${step.lines[0]}-${step.lines[1]}`}
      aria-label={`${step.title} (step ${number})`}
      className={`my-3 overflow-hidden rounded-md border bg-white shadow-sm ${
        step.destructive ? "border-red-300 border-l-4 border-l-red-600" : "border-slate-200 border-l-4 border-l-slate-400"
      }`}
    >
      <header
        className={`flex flex-wrap items-center gap-2 border-b px-3 py-2 ${
          step.destructive ? "border-red-200 bg-red-50" : "border-slate-100 bg-slate-50"
        }`}
      >
        <span className="font-mono text-xs font-semibold text-slate-400 tabular-nums" title={`Step ${number} of this runbook`}>
          #{number}
        </span>
        <h4 className="min-w-0 flex-1 truncate text-sm font-medium text-slate-900" title={step.title}>
          {step.title}
        </h4>
        <ExecutorBadge executor={step.executor} />
        {step.destructive ? <DestructiveBadge /> : null}
        <span className="text-xs text-slate-400 tabular-nums">
          L{step.lines[0]}–{step.lines[1]}
        </span>
      </header>
      <CodeBlock code={step.code} lang={step.lang} className="[&_pre]:my-0 [&_pre]:rounded-none [&_pre]:border-0 [&_pre]:bg-white" />
      {step.expect.length > 0 || step.variables.length > 0 || mixed || tools.length > 0 ? (
        <dl className="grid gap-x-3 gap-y-1.5 border-t border-slate-100 px-3 py-2 text-sm sm:grid-cols-[max-content_1fr]">
          {step.expect.length > 0 ? (
            <>
              <dt className="text-slate-500">Expect</dt>
              <dd>
                <ul className="flex flex-col gap-0.5" aria-label="Expectations">
                  {step.expect.map((e, i) => (
                    <li key={i} className="flex items-baseline gap-1.5">
                      <span aria-hidden="true" className={isCheckable(e) ? "text-emerald-700" : "text-slate-400"}>
                        {isCheckable(e) ? "✓" : "•"}
                      </span>
                      <span className={isCheckable(e) ? "font-medium text-slate-800" : "text-slate-600"}>{formatExpectation(e)}</span>
                      {isCheckable(e) ? null : <span className="text-xs text-slate-400">(checked by a person)</span>}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          {step.variables.length > 0 ? (
            <>
              <dt className="text-slate-500">Needs</dt>
              <dd>
                <ul className="flex flex-wrap gap-1.5" aria-label="Variables">
                  {step.variables.map((v) => (
                    <li key={v} className="rounded bg-amber-50 px-1.5 py-0.5 font-mono text-xs text-amber-900 ring-1 ring-amber-200">
                      {v}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          {mixed ? (
            <>
              <dt className="text-slate-500">Runs as</dt>
              <dd className="flex flex-wrap gap-1.5">
                {executors.map((e) => (
                  <ExecutorBadge key={e} executor={e} />
                ))}
              </dd>
            </>
          ) : null}
          {tools.length > 0 ? (
            <>
              <dt className="text-slate-500">Needs tool</dt>
              <dd className="font-mono text-xs text-slate-700">{tools.join(", ")}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </article>
  );
}
