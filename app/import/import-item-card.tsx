"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { ExecutorBadge } from "@/components/markdown/step-badges";
import { formatBytes } from "./format-bytes";
import type { ImportSummary } from "./import-summary";
import type { ImportItem } from "./use-import-queue";

export function ImportItemCard({ item, onSave, onRemove }: { item: ImportItem; onSave: () => void; onRemove: () => void }) {
  const s = item.summary;
  return (
    <li
      data-testid="import-item"
      data-status={item.status}
      aria-label={item.label}
      className={`rounded-lg border bg-white shadow-sm ${item.status === "error" ? "border-red-300" : "border-slate-200"}`}
    >
      <header className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-4 py-2.5">
        <div className="min-w-0 flex-1">
          <p className="truncate font-medium">{s?.title ?? item.label}</p>
          <p className="truncate text-xs text-slate-500">
            {item.label} · {formatBytes(item.bytes)}
            {s ? ` · ${s.lineCount} lines` : ""}
          </p>
        </div>
        <StatusText item={item} />
        {item.status === "ready" || item.status === "saving" ? (
          <button
            type="button"
            onClick={onSave}
            disabled={item.status === "saving" || s?.existing?.sameAsVersion != null}
            className="rounded bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-600 disabled:opacity-50"
          >
            {item.status === "saving" ? "Saving…" : saveLabel(s)}
          </button>
        ) : null}
        {item.status === "saved" && item.saved ? (
          <Link
            href={`/runbooks/${encodeURIComponent(item.saved.slug)}`}
            data-testid="open-runbook"
            className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
          >
            Open runbook →
          </Link>
        ) : null}
        {item.status !== "saving" ? (
          <button type="button" onClick={onRemove} className="rounded px-2 py-1 text-sm text-slate-500 hover:bg-slate-100" aria-label={`Remove ${item.label}`}>
            ✕
          </button>
        ) : null}
      </header>
      {item.error ? (
        <p role="alert" className="border-b border-red-100 bg-red-50 px-4 py-2 text-sm font-medium text-red-800">
          {item.error}
        </p>
      ) : null}
      {s ? <SummaryBody s={s} /> : null}
    </li>
  );
}

function saveLabel(s: ImportSummary | undefined): string {
  if (!s?.existing) return "Save runbook";
  if (s.existing.sameAsVersion != null) return "Already saved";
  return `Save as v${(s.existing.latestNumber ?? 0) + 1}`;
}

function StatusText({ item }: { item: ImportItem }) {
  const s = item.summary;
  switch (item.status) {
    case "parsing":
      return <span className="text-sm text-slate-500">Reading the document…</span>;
    case "error":
      return <span className="text-sm font-medium text-red-700">Not imported</span>;
    case "saved":
      return (
        <span className="text-sm font-medium text-emerald-700" data-testid="saved-status">
          {item.saved?.created ? `Saved as v${item.saved.number}` : `Unchanged: already v${item.saved?.number}`}
        </span>
      );
    default:
      if (!s) return null;
      if (!s.existing) return <span className="text-sm text-slate-600">New runbook · /runbooks/{s.slug}</span>;
      if (s.existing.sameAsVersion != null)
        return <span className="text-sm text-slate-600">Identical to v{s.existing.sameAsVersion} of “{s.existing.title}”</span>;
      return (
        <span className="text-sm text-slate-600">
          New version of “{s.existing.title}” (now v{s.existing.latestNumber})
        </span>
      );
  }
}

function SummaryBody({ s }: { s: ImportSummary }) {
  const tiles: { label: string; value: number; id: string; tone?: string; hint?: string }[] = [
    { label: "Steps", value: s.steps, id: "steps" },
    { label: "Destructive", value: s.destructive.length, id: "destructive", tone: s.destructive.length ? "text-red-700" : undefined },
    { label: "Checks", value: s.checks, id: "checks" },
    { label: "Blanks", value: s.blanks, id: "blanks" },
    { label: "Sections", value: s.sections, id: "sections", hint: s.budgets ? `${s.budgets} with a budget` : undefined },
    { label: "Scenarios", value: s.scenarios.length, id: "scenarios" },
    { label: "Variables", value: s.variables.length, id: "variables" },
  ];
  return (
    <div className="flex flex-col gap-3 px-4 py-3 text-sm">
      <dl className="grid grid-cols-3 gap-2 sm:grid-cols-7">
        {tiles.map((t) => (
          <div key={t.id} className="rounded border border-slate-200 px-2 py-1.5" data-testid={`preview-${t.id}`}>
            <dd className={`text-xl font-semibold tabular-nums ${t.tone ?? "text-slate-900"}`}>{t.value}</dd>
            <dt className="text-xs text-slate-500">
              {t.label}
              {t.hint ? <span className="block text-[0.6875rem] text-slate-400">{t.hint}</span> : null}
            </dt>
          </div>
        ))}
      </dl>
      {s.notices.length > 0 ? (
        <ul aria-label="Notices" className="rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sky-900">
          {s.notices.map((n, i) => (
            <li key={i}>ℹ {n}</li>
          ))}
        </ul>
      ) : null}
      {s.warnings.length > 0 ? (
        <ul aria-label="Warnings" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
          {s.warnings.map((w, i) => (
            <li key={i}>⚠ {w}</li>
          ))}
        </ul>
      ) : null}
      <div className="grid gap-3 md:grid-cols-2">
        {s.executors.length > 0 ? (
          <Field label="Runs as">
            <ul className="flex flex-wrap gap-2" aria-label="Executors">
              {s.executors.map((e) => (
                <li key={e.executor} className="flex items-center gap-1">
                  <ExecutorBadge executor={e.executor} />
                  <span className="tabular-nums text-slate-600">×{e.count}</span>
                </li>
              ))}
            </ul>
          </Field>
        ) : null}
        {s.scenarios.length > 0 ? (
          <Field label="Scenarios">
            <ul className="flex flex-col gap-0.5" aria-label="Scenarios">
              {s.scenarios.map((sc) => (
                <li key={sc.id}>{sc.title}</li>
              ))}
            </ul>
          </Field>
        ) : null}
        {s.variables.length > 0 ? (
          <Field label="Variables needed">
            <ul className="flex flex-wrap gap-1" aria-label="Variables needed">
              {s.variables.map((v) => (
                <li key={v} className="rounded bg-amber-50 px-1.5 py-0.5 font-mono text-xs text-amber-900 ring-1 ring-amber-200">
                  {v}
                </li>
              ))}
            </ul>
          </Field>
        ) : null}
        {s.destructive.length > 0 ? (
          <Field label="Destructive steps">
            <ul className="flex flex-col gap-0.5" aria-label="Destructive steps">
              {s.destructive.map((d) => (
                <li key={d.id} className="flex items-baseline gap-2 text-red-800">
                  <span className="font-mono text-xs text-slate-400 tabular-nums">L{d.line}</span>
                  <span className="min-w-0 truncate">{d.title}</span>
                  <span className="font-mono text-xs">{d.executor}</span>
                </li>
              ))}
            </ul>
          </Field>
        ) : null}
      </div>
      {s.steps === 0 ? (
        <p className="text-slate-600">
          No runnable steps were found: the document will be a read-only checklist ({s.checks} checks). Code blocks must be fenced
          (```) to become steps.
        </p>
      ) : null}
    </div>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{label}</h3>
      {children}
    </div>
  );
}
