// What the importer repaired or could not understand, said before the document so nobody is surprised.
export function DocumentNotes({ notices, warnings }: { notices: string[]; warnings: string[] }) {
  if (notices.length === 0 && warnings.length === 0) return null;
  return (
    <div className="mb-4 flex flex-col gap-2 text-sm">
      {notices.length > 0 ? (
        <ul aria-label="Notices" className="rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sky-900">
          {notices.map((n, i) => (
            <li key={i}>ℹ {n}</li>
          ))}
        </ul>
      ) : null}
      {warnings.length > 0 ? (
        <details className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900" open={warnings.length <= 3}>
          <summary className="cursor-pointer font-medium">
            {warnings.length} importer {warnings.length === 1 ? "warning" : "warnings"}
          </summary>
          <ul aria-label="Warnings" className="mt-1 list-disc pl-5">
            {warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
