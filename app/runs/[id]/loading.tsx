export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse">
      <div className="h-8 w-2/3 rounded bg-slate-200" />
      <div className="mt-3 h-4 w-1/2 rounded bg-slate-200" />
      <div className="mt-6 h-40 rounded bg-slate-100" />
      <div className="mt-3 h-40 rounded bg-slate-100" />
      <span className="sr-only">Loading the run…</span>
    </div>
  );
}
