import Link from "next/link";
import type { ParsedRunbook } from "@/lib/importer/types";
import { runbookHref, type RunbookSearch } from "./search-params";

// Links rather than a script-driven select: works before hydration and keeps the choice in the URL.
export function ScenarioPicker({
  slug,
  search,
  scenarios,
  chosen,
}: {
  slug: string;
  search: RunbookSearch;
  scenarios: ParsedRunbook["scenarios"];
  chosen: string | null;
}) {
  if (scenarios.length === 0) return null;
  const options = [{ id: null, title: "All scenarios" }, ...scenarios.map((s) => ({ id: s.id, title: s.title }))];
  return (
    <nav aria-label="Scenario">
      <h2 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">Scenario</h2>
      <ul className="flex flex-col gap-1">
        {options.map((o) => {
          const active = o.id === chosen;
          return (
            <li key={o.id ?? "all"}>
              <Link
                href={runbookHref(slug, { ...search, scenario: o.id ?? undefined })}
                aria-current={active ? "true" : undefined}
                scroll={false}
                data-scenario-option={o.id ?? "all"}
                className={`block rounded px-2 py-1 text-sm leading-snug ${
                  active ? "bg-indigo-600 font-medium text-white" : "text-slate-700 hover:bg-slate-100"
                }`}
              >
                {o.title}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
