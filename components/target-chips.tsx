import Link from "next/link";
import { listTargets } from "@/lib/services/targets";

// The header's target list: names and a production marker, never connection details.
export async function TargetChips() {
  const targets = await listTargets();
  if (targets.length === 0) return <span className="text-sm text-slate-500">No targets</span>;
  return (
    <ul aria-label="Targets" className="flex flex-wrap gap-2 text-xs">
      {targets.map((t) => (
        <li key={t.id}>
          <Link
            href="/targets"
            className={`rounded-full border px-2 py-0.5 ${t.protected ? "border-red-300 bg-red-50 text-red-800" : "border-slate-300 bg-slate-100 text-slate-700"}`}
          >
            {t.name}
            {t.protected ? " · protected" : ""}
          </Link>
        </li>
      ))}
    </ul>
  );
}
