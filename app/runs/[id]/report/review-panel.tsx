"use client";

import { useRef } from "react";
import { formatDateTime } from "@/lib/reports/format";
import type { ReportReview } from "@/lib/reports/types";
import { addReportCommentAction, reopenReportAction, signOffReportAction } from "./actions";
import { useReviewAction } from "./use-review-action";

const input = "rounded border border-slate-300 px-2 py-1 text-sm";
const button = "rounded border border-slate-300 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-50 disabled:opacity-60";

function Status({ ok, message }: { ok: boolean | null; message: string | null }) {
  return (
    <span aria-live="polite" className={`text-sm ${ok === false ? "text-red-800" : "text-emerald-800"}`}>
      {message}
    </span>
  );
}

/** Comment on the report or one step of it (stepId). */
export function ReportCommentForm({ runId, stepId, label }: { runId: string; stepId: string | null; label: string }) {
  const form = useRef<HTMLFormElement>(null);
  const [state, action, pending] = useReviewAction((d) => addReportCommentAction({ runId, stepId, text: String(d.get("text") ?? "") }), {
    onSuccess: () => form.current?.reset(),
  });
  const id = `report-comment-${stepId ?? "run"}`;
  return (
    <form ref={form} action={action} className="flex items-center gap-2 print:hidden">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input id={id} name="text" required placeholder={label} className={`${input} min-w-0 flex-1`} />
      <button type="submit" disabled={pending} className={button}>
        Comment
      </button>
      <Status {...state} />
    </form>
  );
}

/** Sign-off (name, note) when the run is finished; reopen when signed off. */
export function SignOff({ runId, runFinished, review }: { runId: string; runFinished: boolean; review: ReportReview }) {
  const [signState, sign, signing] = useReviewAction((d) => signOffReportAction({ runId, name: String(d.get("name") ?? ""), note: String(d.get("note") ?? "") }));
  const [reopenState, reopen, reopening] = useReviewAction((d) => reopenReportAction({ runId, reason: String(d.get("reason") ?? "") }));
  const so = review.signOff;
  return (
    <div className="flex flex-col gap-3" data-testid="sign-off">
      {so ? (
        <p data-testid="signed-off" className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Signed off by <strong>{so.name}</strong> ({so.by ?? "desk"}) at {formatDateTime(so.at)}
          {so.note ? `: ${so.note}` : ""}
        </p>
      ) : (
        <p data-testid="not-signed-off" className="text-sm text-slate-600">
          Not signed off{review.history.at(-1)?.kind === "reopened" ? ` (reopened: ${review.history.at(-1)?.text ?? ""})` : ""}.
        </p>
      )}
      {so ? (
        <form action={reopen} className="flex flex-wrap items-center gap-2 print:hidden">
          <label htmlFor="reopen-reason" className="text-sm">
            Reason
          </label>
          <input id="reopen-reason" name="reason" required className={`${input} min-w-0 flex-1`} />
          <button type="submit" disabled={reopening} className={button}>
            Reopen
          </button>
          <Status {...reopenState} />
        </form>
      ) : runFinished ? (
        <form action={sign} className="flex flex-wrap items-center gap-2 print:hidden">
          <label htmlFor="sign-name" className="text-sm">
            Your name
          </label>
          <input id="sign-name" name="name" required className={input} />
          <label htmlFor="sign-note" className="text-sm">
            Note
          </label>
          <input id="sign-note" name="note" className={`${input} min-w-0 flex-1`} />
          <button type="submit" disabled={signing} className={`${button} border-emerald-600 text-emerald-800`}>
            Sign off
          </button>
          <Status {...signState} />
        </form>
      ) : (
        <p className="text-sm text-slate-500 print:hidden">The run is still in progress; it can be signed off once finished.</p>
      )}
    </div>
  );
}
