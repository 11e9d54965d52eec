export default function Loading() {
  return (
    <div role="status" className="max-w-3xl animate-pulse">
      <div className="h-8 w-1/2 rounded bg-slate-200" />
      <div className="mt-6 h-24 rounded bg-slate-100" />
      <div className="mt-3 h-24 rounded bg-slate-100" />
      <span className="sr-only">Loading…</span>
    </div>
  );
}
