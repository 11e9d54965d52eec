import { listTargets } from "@/lib/services/targets";
import { allows } from "@/lib/auth/permissions";
import { TargetForm } from "./target-form";
import { TargetStatusBadge } from "./target-status-badge";
import { requirePagePermission } from "@/lib/auth/page-guard";

export const dynamic = "force-dynamic";
export const metadata = { title: "Targets" };

export default async function TargetsPage() {
  const user = await requirePagePermission("target.read");
  const targets = await listTargets();
  return (
    <section aria-labelledby="targets-heading">
      <h1 id="targets-heading" className="mb-4 text-2xl font-semibold">
        Targets
      </h1>
      <table className="w-full border-collapse overflow-hidden rounded bg-white text-sm shadow-sm">
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            <th className="px-3 py-2">Name</th>
            <th className="px-3 py-2">Kind</th>
            <th className="px-3 py-2">Secret from</th>
            <th className="px-3 py-2">Status</th>
          </tr>
        </thead>
        <tbody>
          {targets.map((t) => (
            <tr key={t.id} className="border-t border-slate-200">
              <td className="px-3 py-2">
                <span className="font-medium">{t.name}</span>
                {t.protected ? (
                  <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">protected</span>
                ) : null}
                {t.description ? <p className="text-xs text-slate-500">{t.description}</p> : null}
              </td>
              <td className="px-3 py-2">{t.kind}</td>
              <td className="px-3 py-2">{t.secretSource === "stored" ? "stored (encrypted)" : t.secretSource}</td>
              <td className="px-3 py-2">
                <TargetStatusBadge name={t.name} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {allows(user.grants, "target.manage") ? <TargetForm /> : null}
      <p className="mt-3 text-xs text-slate-500">
        Add targets with <code>DESK_TARGET_&lt;NAME&gt;_URL</code> environment variables (see README); mark production-like
        ones in <code>DESK_PROTECTED_TARGETS</code>.
      </p>
    </section>
  );
}
