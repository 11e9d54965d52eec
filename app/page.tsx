import Link from "next/link";
import { listRunbooks } from "@/lib/services/runbooks";
import { requirePagePermission } from "@/lib/auth/page-guard";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  await requirePagePermission("runbook.read");
  const runbooks = await listRunbooks();
  return (
    <section aria-labelledby="library-heading">
      <div className="mb-4 flex items-center justify-between">
        <h1 id="library-heading" className="text-2xl font-semibold">
          Runbook library
        </h1>
        <Link href="/import" className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
          Import runbook
        </Link>
      </div>
      {runbooks.length === 0 ? (
        <div className="rounded border border-dashed border-slate-300 bg-white p-8 text-slate-600">
          <p className="font-medium text-slate-800">No runbooks yet.</p>
          <p className="mt-2 text-sm">
            Import a rollback procedure written in Markdown: upload or paste it on the{" "}
            <Link href="/import" className="underline">
              import page
            </Link>
            , point <code>RUNBOOKS_DIR</code> at a folder of <code>.md</code> files, or run{" "}
            <code>npm run -s desk -- parse FILE.md</code> to preview what the desk understands.
          </p>
        </div>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2" aria-label="Runbooks">
          {runbooks.map((r) => (
            <li key={r.id} className="rounded border border-slate-200 bg-white p-4 shadow-sm">
              <Link href={`/runbooks/${r.slug}`} className="font-medium text-slate-900 hover:underline">
                {r.title}
              </Link>
              {r.latest ? (
                <p className="mt-1 text-sm text-slate-600">
                  v{r.latest.number} · {r.latest.steps} steps · {r.latest.checks} checks
                  {r.latest.destructive ? ` · ${r.latest.destructive} destructive` : ""}
                  {r.latest.scenarios ? ` · ${r.latest.scenarios} scenarios` : ""}
                </p>
              ) : null}
              <p className="mt-1 text-xs text-slate-400">{r.origin}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
