"use client";

import { useOptimistic, useTransition, useState } from "react";
import type { Check } from "@/lib/importer/types";
import { tickCheckAction } from "./actions";
import { outcome } from "./command-state";
import { formatClock } from "./format-time";
import { useRun } from "./use-run";

// A checklist item of the document, tickable during the run. Ticks are events: who and when.
export function RunCheck({ check }: { check: Check }) {
  const { runId, view, refresh, can } = useRun();
  const recorded = view.checks[check.id];
  const checked = recorded?.checked ?? false;
  const [optimistic, setOptimistic] = useOptimistic(checked);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const active = view.status === "active" && can["check.tick"];
  const toggle = (next: boolean) =>
    startTransition(async () => {
      setOptimistic(next);
      setError(null);
      const state = outcome(await tickCheckAction({ runId, checkId: check.id, checked: next }).catch(() => ({ serverError: "The desk could not be reached." })), null);
      if (state.ok) await refresh().catch(() => undefined);
      else setError(state.message);
    });
  return (
    <div data-testid="run-check" data-check-id={check.id} data-checked={optimistic ? "true" : "false"} className="my-1 flex flex-wrap items-start gap-2">
      <label className={`flex items-start gap-2 ${active ? "cursor-pointer" : ""}`}>
        <input
          type="checkbox"
          checked={optimistic}
          disabled={!active || pending}
          onChange={(e) => toggle(e.target.checked)}
          className="mt-1 size-4 accent-emerald-700"
        />
        <span className={optimistic ? "text-slate-500 line-through decoration-slate-400" : "text-slate-900"}>{check.text}</span>
      </label>
      {recorded?.checked ? (
        <span className="mt-0.5 text-xs text-slate-400">
          ticked by {recorded.by ?? "someone"} at {formatClock(recorded.at)}
        </span>
      ) : null}
      <span aria-live="polite" className="text-sm text-red-800">
        {error}
      </span>
    </div>
  );
}
