"use client";

export default function RunsError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-6">
      <h1 className="text-lg font-semibold text-red-900">Runs could not be loaded.</h1>
      <p className="mt-1 text-sm text-red-800">Something went wrong on the server. It has been logged.</p>
      <button type="button" onClick={reset} className="mt-4 rounded bg-red-700 px-3 py-1.5 text-sm font-semibold text-white">
        Try again
      </button>
    </div>
  );
}
