export default function Loading() {
  return (
    <div role="status" className="animate-pulse">
      <div className="h-8 w-40 rounded bg-slate-200" />
      <div className="mt-4 h-64 rounded bg-slate-100" />
      <span className="sr-only">Loading runs…</span>
    </div>
  );
}
