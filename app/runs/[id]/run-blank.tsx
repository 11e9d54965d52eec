"use client";

import { useOptimistic } from "react";
import type { Blank } from "@/lib/importer/types";
import { fillBlankAction } from "./actions";
import { formatClock } from "./format-time";
import { useCommand } from "./use-command";
import { useRun } from "./use-run";

// A fill-in of the document ("Incident ID: ______"), filled inline; each value is an event.
export function RunBlank({ blank }: { blank: Blank }) {
  const { runId, view, can } = useRun();
  const recorded = view.blanks[blank.id];
  const [shown, setShown] = useOptimistic(recorded?.value ?? "");
  const [state, formAction, pending] = useCommand(async (form) => {
    const value = String(form.get("value") ?? "");
    setShown(value);
    return fillBlankAction({ runId, blankId: blank.id, value });
  });
  const active = view.status === "active" && can["blank.fill"];
  const inputId = `blank-${blank.id}`;
  return (
    <form action={formAction} data-testid="run-blank" data-blank-id={blank.id} className="my-1 flex flex-wrap items-center gap-2">
      <label htmlFor={inputId} className="text-slate-800">
        {blank.label || "Value"}:
      </label>
      {active ? (
        <>
          <input
            id={inputId}
            name="value"
            key={recorded?.value ?? ""}
            defaultValue={recorded?.value ?? ""}
            required
            className="min-w-48 rounded border border-amber-400 bg-amber-50 px-2 py-0.5 text-sm focus:bg-white"
          />
          <button type="submit" disabled={pending} className="rounded border border-slate-300 bg-white px-2 py-0.5 text-sm hover:bg-slate-50 disabled:opacity-60">
            {recorded ? "Update" : "Save"}
          </button>
        </>
      ) : (
        <span id={inputId} className="font-medium">
          {shown || "—"}
        </span>
      )}
      {recorded ? (
        <span data-testid="blank-value" className="text-xs text-slate-500">
          <span className="font-medium text-slate-700">{shown}</span> · by {recorded.by ?? "someone"} at {formatClock(recorded.at)}
          {recorded.fromStep ? ` from step ${recorded.fromStep}` : ""}
        </span>
      ) : null}
      <span aria-live="polite" className="text-sm text-red-800">
        {state.ok === false ? state.message : null}
      </span>
    </form>
  );
}
