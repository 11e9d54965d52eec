"use client";

import { useRef } from "react";
import { addCommentAction } from "./actions";
import { formatClock } from "./format-time";
import { useCommand } from "./use-command";
import { useRun } from "./use-run";

// Comments on a step (stepId) or on the whole run (null). Allowed after the run finished too.
export function Comments({ stepId, compact = false }: { stepId: string | null; compact?: boolean }) {
  const { runId, view, can } = useRun();
  const form = useRef<HTMLFormElement>(null);
  const comments = view.comments.filter((c) => c.stepId === stepId);
  const [state, formAction, pending] = useCommand((data) => addCommentAction({ runId, stepId, text: String(data.get("text") ?? "") }), {
    onSuccess: () => form.current?.reset(),
  });
  const list =
    comments.length > 0 ? (
      <ul aria-label="Comments" className="flex flex-col gap-1 text-sm">
        {comments.map((c, i) => (
          <li key={i} className="rounded bg-slate-50 px-2 py-1">
            <span className="font-medium text-slate-800">{c.by ?? "desk"}</span>{" "}
            <span className="text-xs text-slate-400 tabular-nums">{formatClock(c.at)}</span>
            <p className="whitespace-pre-wrap text-slate-700">{c.text}</p>
          </li>
        ))}
      </ul>
    ) : null;
  const input = !can["run.comment"] ? null : (
    <form ref={form} action={formAction} className="flex items-center gap-2">
      <label className="sr-only" htmlFor={`comment-${stepId ?? "run"}`}>
        Comment
      </label>
      <input
        id={`comment-${stepId ?? "run"}`}
        name="text"
        required
        placeholder={stepId ? "Comment on this step" : "Comment on the run"}
        className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-sm"
      />
      <button type="submit" disabled={pending} className="rounded border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-50 disabled:opacity-60">
        Post
      </button>
      <span aria-live="polite" className="text-sm text-red-800">
        {state.ok === false ? state.message : null}
      </span>
    </form>
  );
  if (!compact) {
    return (
      <div className="flex flex-col gap-2">
        {list}
        {input}
      </div>
    );
  }
  return (
    <details className="text-sm" open={comments.length > 0}>
      <summary className="cursor-pointer text-xs text-slate-500 select-none">Comments{comments.length ? ` (${comments.length})` : ""}</summary>
      <div className="mt-1 flex flex-col gap-2">
        {list}
        {input}
      </div>
    </details>
  );
}
