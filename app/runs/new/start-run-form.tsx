"use client";

import { useActionState, useState } from "react";
import { IDLE, outcome, type CommandState } from "../[id]/command-state";
import { startRunAction } from "./actions";

interface TargetOption {
  name: string;
  protected: boolean;
  description: string;
}

export function StartRunForm({
  runbook,
  targets,
  scenarios,
  defaultScenario,
  defaultTarget,
  variables,
}: {
  runbook: { slug: string; version: number };
  targets: TargetOption[];
  scenarios: { id: string; title: string }[];
  defaultScenario: string | null;
  defaultTarget: string | null;
  variables: { name: string; secret: boolean }[];
}) {
  // Never preselect production: the commander picks it on purpose.
  const initialTarget = targets.find((t) => t.name === defaultTarget)?.name ?? targets.find((t) => !t.protected)?.name ?? "";
  const [targetName, setTargetName] = useState(initialTarget);
  const target = targets.find((t) => t.name === targetName);
  const [state, formAction, pending] = useActionState(async (_prev: CommandState, form: FormData): Promise<CommandState> => {
    const scenario = String(form.get("scenario") ?? "");
    const values: Record<string, string> = {};
    for (const v of variables) {
      const value = String(form.get(`var-${v.name}`) ?? "");
      if (value !== "") values[v.name] = value;
    }
    try {
      const result = await startRunAction({
        runbookSlug: runbook.slug,
        versionNumber: runbook.version,
        targetName: String(form.get("target") ?? ""),
        scenario: scenario || null,
        drill: form.get("drill") === "on",
        variables: values,
      });
      // On success the action redirects to the run page and this line is not reached.
      return outcome(result, null);
    } catch (e) {
      // redirect() travels as a thrown navigation signal: let Next handle it.
      if (e instanceof Error && "digest" in e) throw e;
      return { ok: false, message: "The desk could not be reached. Check your connection and try again." };
    }
  }, IDLE);

  return (
    <form action={formAction} className="mt-6 flex flex-col gap-6">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-semibold">Target</legend>
        {targets.length === 0 ? <p className="text-sm text-slate-600">No targets are configured.</p> : null}
        {targets.map((t) => (
          <label
            key={t.name}
            className={`flex cursor-pointer items-start gap-3 rounded border p-3 ${
              t.protected ? "border-red-300 bg-red-50" : "border-slate-200 bg-white"
            } ${t.name === targetName ? (t.protected ? "ring-2 ring-red-600" : "ring-2 ring-blue-600") : ""}`}
          >
            <input
              type="radio"
              name="target"
              value={t.name}
              checked={t.name === targetName}
              onChange={() => setTargetName(t.name)}
              className="mt-1"
            />
            <span className="flex flex-col">
              <span className="flex items-center gap-2 font-mono font-semibold">
                {t.name}
                {t.protected ? (
                  <span className="rounded bg-red-700 px-1.5 py-0.5 font-sans text-xs font-bold tracking-wide text-white uppercase">Production · protected</span>
                ) : null}
              </span>
              {t.description ? <span className="text-sm text-slate-600">{t.description}</span> : null}
            </span>
          </label>
        ))}
        {target?.protected ? (
          <p role="note" className="rounded border-l-4 border-red-700 bg-red-50 px-3 py-2 text-sm text-red-900">
            <strong>{target.name} is production.</strong> Steps will change real data; each destructive step lists its statements and needs
            the target&rsquo;s name typed.
          </p>
        ) : null}
      </fieldset>

      {scenarios.length > 0 ? (
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 font-semibold">Scenario</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="scenario" value="" defaultChecked={defaultScenario === null} />
            All steps (no scenario chosen)
          </label>
          {scenarios.map((s) => (
            <label key={s.id} className="flex items-center gap-2 text-sm">
              <input type="radio" name="scenario" value={s.id} defaultChecked={defaultScenario === s.id} />
              {s.title}
            </label>
          ))}
        </fieldset>
      ) : null}

      <label className={`flex items-start gap-2 text-sm ${target?.protected ? "text-slate-400" : ""}`}>
        <input type="checkbox" name="drill" disabled={Boolean(target?.protected)} className="mt-0.5" />
        <span>
          <span className="font-semibold">Drill</span> — a practice run, marked as such in the report.
          {target?.protected ? " Not on production targets." : ""}
        </span>
      </label>

      {variables.length > 0 ? (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 font-semibold">Values this runbook needs</legend>
          <p className="text-sm text-slate-600">
            Asked once, now. Steps whose values you leave empty are shown as manual. Secret values are never shown or stored in the log.
          </p>
          {variables.map((v) => (
            <label key={v.name} className="grid grid-cols-[12rem_1fr] items-center gap-2 text-sm">
              <span className="font-mono">{v.name}</span>
              <input
                name={`var-${v.name}`}
                type={v.secret ? "password" : "text"}
                autoComplete={v.secret ? "new-password" : "off"}
                className="rounded border border-slate-300 px-2 py-1 font-mono"
              />
            </label>
          ))}
        </fieldset>
      ) : null}

      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={pending || !targetName}
          className={`rounded px-4 py-2 font-semibold text-white disabled:opacity-60 ${target?.protected ? "bg-red-700 hover:bg-red-800" : "bg-slate-900 hover:bg-slate-700"}`}
        >
          {pending ? "Starting…" : target?.protected ? `Start run on ${target.name} (production)` : "Start run"}
        </button>
        <p aria-live="assertive" className="text-sm font-medium text-red-800">
          {state.ok === false ? state.message : null}
        </p>
      </div>
    </form>
  );
}
