export default function Loading() {
  return (
    <div role="status" aria-label="Loading runbook" className="animate-pulse">
      <div className="h-4 w-40 rounded bg-slate-200" />
      <div className="mt-3 h-7 w-2/3 rounded bg-slate-200" />
      <div className="mt-6 flex flex-col gap-3">
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-28 rounded-lg border border-slate-200 bg-white" />
        ))}
      </div>
    </div>
  );
}
