"use client";

import { unacknowledgedFailures } from "@/lib/runs/project";
import { finishRunAction } from "./actions";
import { formatDateTime } from "./format-time";
import { RunStatusBadge } from "./step-status";
import { useCommand } from "./use-command";
import { useRun } from "./use-run";

const STATUSES = ["succeeded", "failed", "aborted"] as const;

export function FinishRun() {
  const { runId, view, stepNumbers, can } = useRun();
  const [state, formAction, pending] = useCommand((form) => {
    const raw = String(form.get("status") ?? "");
    const status = STATUSES.find((s) => s === raw) ?? "failed";
    return finishRunAction({ runId, status, note: String(form.get("note") ?? "") });
  });
  if (view.status !== "active") {
    return (
      <section id="finish" aria-labelledby="finish-heading" className="mt-8 rounded border border-slate-200 bg-white p-4">
        <h2 id="finish-heading" className="flex items-center gap-2 text-lg font-semibold">
          Run finished <RunStatusBadge status={view.status} testId="finished-status" />
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {formatDateTime(view.finishedAt)}
          {view.finishNote ? ` · ${view.finishNote}` : ""}
        </p>
      </section>
    );
  }
  if (!can["run.finish"]) return null;
  const blocking = unacknowledgedFailures(view);
  return (
    <section id="finish" aria-labelledby="finish-heading" className="mt-8 scroll-mt-20 rounded border border-slate-300 bg-white p-4">
      <h2 id="finish-heading" className="text-lg font-semibold">
        Finish the run
      </h2>
      {blocking.length > 0 ? (
        <p className="mt-1 text-sm font-medium text-red-800">
          Failed verifications not yet acknowledged:{" "}
          {blocking.map((id) => (
            <a key={id} href={`#step-${id}`} className="mr-1 underline">
              #{stepNumbers[id] ?? id}
            </a>
          ))}
          — the run cannot be marked succeeded until they are.
        </p>
      ) : null}
      <form action={formAction} className="mt-3 flex flex-col gap-2">
        <label className="flex flex-col gap-1 text-sm text-slate-700">
          Closing note (for the report)
          <input name="note" className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <div className="flex flex-wrap items-center gap-2">
          <button type="submit" name="status" value="succeeded" disabled={pending} className="rounded bg-emerald-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-emerald-800 disabled:opacity-60">
            Mark run succeeded
          </button>
          <button type="submit" name="status" value="failed" disabled={pending} className="rounded bg-red-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60">
            Mark run failed
          </button>
          <button type="submit" name="status" value="aborted" disabled={pending} className="rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60">
            Abort run
          </button>
          <p data-testid="finish-message" aria-live="assertive" className={`text-sm ${state.ok === false ? "font-medium text-red-800" : "text-slate-600"}`}>
            {state.message}
          </p>
        </div>
      </form>
    </section>
  );
}
