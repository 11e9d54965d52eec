import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { splitLines } from "@/components/markdown/source-lines";
import { getRunbookVersion, getVersionSources } from "@/lib/services/runbooks";
import { buildDocumentTree } from "@/lib/importer/document-tree";
import { DocumentNotes } from "./document-notes";
import { RunbookDocument } from "./runbook-document";
import { RunbookSummary } from "./runbook-summary";
import { ScenarioPicker } from "./scenario-picker";
import { parseDiffRange, parseRunbookSearch, runbookHref } from "./search-params";
import { formatWhen } from "./format-when";
import { VersionDiff } from "./version-diff";
import { VersionHistory } from "./version-history";
import { requirePagePermission } from "@/lib/auth/page-guard";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const load = cache((slug: string, v: number | undefined) => getRunbookVersion(slug, v));

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { slug } = await params;
  const data = await load(slug, parseRunbookSearch(await searchParams).v);
  return { title: data?.runbook.title ?? "Runbook not found" };
}

export default async function RunbookPage({ params, searchParams }: Props) {
  await requirePagePermission("runbook.read");
  const { slug } = await params;
  const search = parseRunbookSearch(await searchParams);
  const data = await load(slug, search.v);
  if (!data) notFound();
  const { runbook, version } = data;
  const parsed = version.parsed;
  const latest = runbook.versions[0]?.number ?? version.number;
  const chosen = parsed.scenarios.find((s) => s.id === search.scenario) ?? null;
  const lines = splitLines(parsed.text);
  // Most runbooks open with their title as an H1: then the document's heading is the page title.
  const first = parsed.sections[0];
  const titleInDocument = first?.depth === 1 && first.lines[0] === parsed.blocks.find((b) => b.type === "heading")?.lines[0] && first.title === runbook.title;
  const tree = buildDocumentTree(parsed);

  const range = parseDiffRange(search.diff);
  const sources = range ? await getVersionSources(runbook.id, range) : null;
  const oldText = range ? sources?.get(range[0]) : undefined;
  const newText = range ? sources?.get(range[1]) : undefined;

  const startHref = `/runs/new?${new URLSearchParams({
    runbook: runbook.slug,
    version: String(version.number),
    ...(chosen ? { scenario: chosen.id } : {}),
  }).toString()}`;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_17rem]">
      <div className="min-w-0">
        <header className="mb-4">
          <p className="text-sm text-slate-500">
            <Link href="/" className="hover:underline">
              Runbooks
            </Link>{" "}
            / {runbook.slug}
          </p>
          {titleInDocument ? null : <h1 className="mt-1 text-2xl font-semibold tracking-tight">{runbook.title}</h1>}
          <p className="mt-1 text-sm text-slate-600" data-testid="version-line">
            Version {version.number}
            {version.number === latest ? " (latest)" : ` of ${latest}`} · imported {formatWhen(version.createdAt)} ·{" "}
            {parsed.lineCount} lines
          </p>
        </header>
        {version.number !== latest ? (
          <p role="status" className="mb-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            You are reading v{version.number}, an older version.{" "}
            <Link href={runbookHref(runbook.slug, { ...search, v: undefined })} className="font-medium underline">
              Go to the latest (v{latest})
            </Link>
          </p>
        ) : null}
        {range ? (
          oldText !== undefined && newText !== undefined ? (
            <VersionDiff
              from={range[0]}
              to={range[1]}
              oldText={oldText}
              newText={newText}
              closeHref={runbookHref(runbook.slug, { ...search, diff: undefined })}
            />
          ) : (
            <p role="status" className="mb-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              There is no version {sources?.has(range[0]) ? range[1] : range[0]} to compare.
            </p>
          )
        ) : null}
        <DocumentNotes notices={parsed.notices} warnings={parsed.warnings} />
        {chosen ? (
          <p role="status" className="mb-2 text-sm text-slate-600">
            Showing <span className="font-medium text-slate-900">{chosen.title}</span>; sections of other scenarios are folded
            away.
          </p>
        ) : null}
        <RunbookDocument key={chosen?.id ?? "all"} parsed={parsed} lines={lines} tree={tree} scenario={chosen?.id ?? null} />
      </div>
      <aside className="flex flex-col gap-6 self-start lg:sticky lg:top-4">
        <div>
          <Link
            href={startHref}
            data-testid="start-run"
            className="block rounded-md bg-slate-900 px-4 py-2.5 text-center font-semibold text-white shadow-sm hover:bg-slate-700"
          >
            Start run
          </Link>
          <p className="mt-1 text-center text-xs text-slate-500">
            v{version.number} · {chosen ? chosen.title : "all scenarios"}
          </p>
        </div>
        <ScenarioPicker slug={runbook.slug} search={search} scenarios={parsed.scenarios} chosen={chosen?.id ?? null} />
        <RunbookSummary parsed={parsed} />
        <VersionHistory slug={runbook.slug} search={search} versions={runbook.versions} current={version.number} />
      </aside>
    </div>
  );
}
