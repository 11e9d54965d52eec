"use client";

import Link from "next/link";

// Never shows error.message (house style 6): the digest lets an operator find the server log line.
export default function RunbookError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-white p-6">
      <h1 className="text-lg font-semibold text-red-800">This runbook could not be shown.</h1>
      <p className="mt-2 text-sm text-slate-700">
        Something went wrong on the server. It has been logged{error.digest ? ` (reference ${error.digest})` : ""}.
      </p>
      <div className="mt-4 flex gap-3 text-sm">
        <button type="button" onClick={reset} className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700">
          Try again
        </button>
        <Link href="/" className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-100">
          Back to the library
        </Link>
      </div>
    </div>
  );
}
