import Link from "next/link";

export default function RunbookNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-6">
      <h1 className="text-lg font-semibold">No such runbook</h1>
      <p className="mt-2 text-sm text-slate-700">There is no runbook at this address, or not in the version asked for.</p>
      <div className="mt-4 flex gap-3 text-sm">
        <Link href="/" className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700">
          Runbook library
        </Link>
        <Link href="/import" className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-100">
          Import a runbook
        </Link>
      </div>
    </div>
  );
}
