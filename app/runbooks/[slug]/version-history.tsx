import Link from "next/link";
import { Suspense } from "react";
import { DiffPicker } from "./diff-picker";
import { formatWhen } from "./format-when";
import { runbookHref, type RunbookSearch } from "./search-params";

export interface VersionRow {
  number: number;
  createdAt: Date;
  importedBy: string;
}

export function VersionHistory({
  slug,
  search,
  versions,
  current,
}: {
  slug: string;
  search: RunbookSearch;
  versions: VersionRow[];
  current: number;
}) {
  return (
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading" className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        Versions
      </h2>
      <ol className="flex flex-col gap-1 text-sm" aria-label="Versions">
        {versions.map((v, i) => {
          const previous = versions[i + 1];
          return (
            <li key={v.number} className="flex flex-wrap items-baseline gap-x-2" data-version={v.number}>
              <Link
                href={runbookHref(slug, { ...search, v: i === 0 ? undefined : v.number, diff: undefined })}
                aria-current={v.number === current ? "true" : undefined}
                className={`font-medium tabular-nums ${v.number === current ? "text-slate-900 underline" : "text-sky-800 hover:underline"}`}
              >
                v{v.number}
              </Link>
              <span className="text-xs text-slate-500 tabular-nums">{formatWhen(v.createdAt)}</span>
              <span className="text-xs text-slate-500">{v.importedBy}</span>
              {previous ? (
                <Link
                  href={runbookHref(slug, { ...search, diff: `${previous.number}..${v.number}` })}
                  className="text-xs text-sky-800 hover:underline"
                >
                  diff v{previous.number}
                </Link>
              ) : null}
            </li>
          );
        })}
      </ol>
      <Suspense fallback={null}>
        <DiffPicker slug={slug} numbers={versions.map((v) => v.number)} />
      </Suspense>
    </section>
  );
}
