"use client";

import { useRef } from "react";
import type { Step } from "@/lib/importer/types";
import type { StepStatus } from "@/lib/runs/event-types";
import { queueStepAction } from "./actions";
import { useCommand } from "./use-command";
import { useRun } from "./use-run";

// A destructive step runs only after the commander types the target's name. The server checks
// the name too; this dialog shows its refusal. On a protected target it names every statement.
export function ConfirmRunButton({
  step,
  label,
  primary,
  setOptimistic,
}: {
  step: Step;
  label: string;
  primary: boolean;
  setOptimistic: (s: StepStatus) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { runId, targetName, targetProtected } = useRun();
  const [state, formAction, pending] = useCommand(
    async (form) => {
      const confirmation = String(form.get("confirmation") ?? "");
      if (confirmation.trim() === targetName) setOptimistic("queued");
      return queueStepAction({ runId, stepId: step.id, confirmation, rehearsal: false });
    },
    { onSuccess: () => dialog.current?.close() },
  );
  const statements = step.commands.filter((c) => c.executor !== "manual");
  const titleId = `confirm-title-${step.id}`;
  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className={`rounded px-3 py-1 text-sm font-semibold ${
          primary ? "bg-red-700 text-white hover:bg-red-800" : "border border-red-300 bg-white text-red-800 hover:bg-red-50"
        }`}
      >
        {label}…
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-2xl rounded-lg border-0 p-0 shadow-2xl backdrop:bg-slate-900/60"
      >
        <form action={formAction}>
          <header className={`px-5 py-3 text-white ${targetProtected ? "bg-red-700" : "bg-red-600"}`}>
            <h2 id={titleId} className="text-lg font-semibold">
              <span aria-hidden="true">⚠ </span>
              {label} a destructive step on {targetProtected ? "PRODUCTION target " : ""}
              <span className="font-mono">{targetName}</span>
            </h2>
            <p className="text-sm text-red-50">{step.title}</p>
          </header>
          <div className="flex flex-col gap-3 px-5 py-4">
            <p className="text-sm text-slate-700">
              {targetProtected ? (
                <>
                  <strong className="text-red-800">{targetName} is a protected target.</strong> These exact commands will run against it, in
                  order; the ones marked destructive change data:
                </>
              ) : (
                <>This step changes data on {targetName}. It will run, in order:</>
              )}
            </p>
            <ol aria-label="Statements" className="flex max-h-72 flex-col gap-2 overflow-auto">
              {statements.map((c, i) => (
                <li key={i} data-destructive={c.destructive ? "true" : "false"}>
                  {c.destructive ? <span className="text-xs font-bold tracking-wide text-red-700 uppercase">Destructive</span> : null}
                  <pre
                    className={`overflow-x-auto rounded border px-3 py-2 font-mono text-xs whitespace-pre-wrap ${
                      c.destructive ? "border-red-300 bg-red-50 text-red-950" : "border-slate-200 bg-slate-50 text-slate-700"
                    }`}
                  >
                    {c.code}
                  </pre>
                </li>
              ))}
            </ol>
            <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
              <span>
                Type the target&rsquo;s name, <code className="rounded bg-slate-100 px-1 font-mono">{targetName}</code>, to confirm
              </span>
              <input
                name="confirmation"
                autoComplete="off"
                spellCheck={false}
                required
                className="rounded border border-slate-300 px-2 py-1.5 font-mono"
              />
            </label>
            <p aria-live="assertive" role="status" className="min-h-5 text-sm font-medium text-red-800">
              {state.ok === false ? state.message : null}
            </p>
          </div>
          <footer className="flex justify-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">
            <button type="button" onClick={() => dialog.current?.close()} className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm">
              Cancel
            </button>
            <button type="submit" disabled={pending} className="rounded bg-red-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60">
              {pending ? "Queueing…" : `${label} on ${targetName}`}
            </button>
          </footer>
        </form>
      </dialog>
    </>
  );
}
