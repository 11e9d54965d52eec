"use client";

// Anything unexpected while rendering the run: the server logged it; the commander gets a retry
// and a way back, never a stack trace.
export default function RunError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-6">
      <h1 className="text-lg font-semibold text-red-900">This run could not be shown.</h1>
      <p className="mt-1 text-sm text-red-800">Something went wrong on the server. It has been logged. The run itself is unaffected.</p>
      <div className="mt-4 flex gap-3">
        <button type="button" onClick={reset} className="rounded bg-red-700 px-3 py-1.5 text-sm font-semibold text-white">
          Try again
        </button>
        <a href="/runs" className="rounded border border-red-300 bg-white px-3 py-1.5 text-sm">
          All runs
        </a>
      </div>
    </div>
  );
}
