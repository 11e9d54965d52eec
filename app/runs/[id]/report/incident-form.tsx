"use client";

import { INCIDENT_FIELDS } from "@/lib/reports/incident-fields";
import type { IncidentField } from "@/lib/reports/types";
import { setReportFieldAction } from "./actions";
import type { ReportFieldInput } from "./schemas";
import { useReviewAction } from "./use-review-action";

const SOURCE: Record<IncidentField["source"], string> = {
  run: "from the run",
  runbook: "typed during the run",
  reviewer: "set by reviewer",
  empty: "",
};

function FieldRow({ runId, field, locked }: { runId: string; field: IncidentField; locked: boolean }) {
  const def = INCIDENT_FIELDS.find((f) => f.key === field.key);
  const [state, action, pending] = useReviewAction(
    (d) => setReportFieldAction({ runId, field: field.key as ReportFieldInput["field"], value: String(d.get("value") ?? "") }),
    { success: "Saved" },
  );
  const id = `incident-${field.key}`;
  const common = { id, name: "value", defaultValue: field.value, disabled: locked, className: "min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-sm disabled:bg-slate-50 print:border-0 print:p-0" };
  return (
    <form action={action} className="flex flex-wrap items-start gap-2 py-1" data-testid="incident-field" data-field={field.key}>
      <label htmlFor={id} className="w-56 shrink-0 pt-1 text-sm font-medium text-slate-700">
        {field.label}
        {SOURCE[field.source] ? <span className="block text-xs font-normal text-slate-500">{SOURCE[field.source]}</span> : null}
      </label>
      {def?.multiline ? <textarea rows={2} {...common} /> : <input {...common} />}
      {locked ? null : (
        <button type="submit" disabled={pending} className="rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-50 disabled:opacity-60 print:hidden">
          Save
        </button>
      )}
      <span aria-live="polite" className={`text-xs ${state.ok === false ? "text-red-800" : "text-emerald-800"} print:hidden`}>
        {state.message}
      </span>
      {field.source === "reviewer" && field.derived && field.derived !== field.value ? (
        <span className="basis-full pl-58 text-xs text-slate-500">The run says: {field.derived}</span>
      ) : null}
    </form>
  );
}

/** The incident-report fields, editable until the report is signed off. */
export function IncidentForm({ runId, fields, locked }: { runId: string; fields: IncidentField[]; locked: boolean }) {
  const groups = [...new Set(fields.map((f) => f.group))];
  return (
    <div className="flex flex-col gap-3">
      {locked ? <p className="text-sm text-slate-500 print:hidden">Signed off: reopen the report to edit these fields.</p> : null}
      {groups.map((g) => (
        <fieldset key={g} className="border-t border-slate-100 pt-2">
          <legend className="text-sm font-semibold text-slate-800">{g}</legend>
          {fields
            .filter((f) => f.group === g)
            .map((f) => (
              <FieldRow key={`${f.key}:${f.value}`} runId={runId} field={f} locked={locked} />
            ))}
        </fieldset>
      ))}
    </div>
  );
}
