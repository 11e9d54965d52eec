import Link from "next/link";

export default function RunNotFound() {
  return (
    <div className="rounded border border-slate-200 bg-white p-6">
      <h1 className="text-lg font-semibold">No such run</h1>
      <p className="mt-1 text-sm text-slate-600">
        The link may be mistyped. See <Link href="/runs" className="underline">all runs</Link>.
      </p>
    </div>
  );
}
