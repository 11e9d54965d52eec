import { requirePagePermission } from "@/lib/auth/page-guard";
import { ROLE_DESCRIPTIONS, ROLES } from "@/lib/auth/permissions";
import { listUsers } from "@/lib/auth/users";
import { listTargets } from "@/lib/services/targets";
import { CreateUserForm } from "./create-user-form";
import { GrantRoleForm, RevokeGrantButton, RevokeSessionsButton } from "./user-controls";

export const dynamic = "force-dynamic";
export const metadata = { title: "Users" };

export default async function UsersPage() {
  await requirePagePermission("user.manage");
  const [users, targets] = await Promise.all([listUsers(), listTargets()]);
  const targetNames = targets.map((t) => t.name);
  return (
    <section aria-labelledby="users-heading" className="space-y-6">
      <h1 id="users-heading" className="text-2xl font-semibold">
        Users and roles
      </h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded border border-slate-200 bg-white p-3 text-sm">
        {ROLES.map((r) => (
          <div key={r} className="contents">
            <dt className="font-semibold">{r}</dt>
            <dd className="text-slate-600">{ROLE_DESCRIPTIONS[r]}</dd>
          </div>
        ))}
      </dl>
      <table className="w-full border-collapse rounded bg-white text-sm shadow-sm">
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            <th className="px-3 py-2">User</th>
            <th className="px-3 py-2">Roles (scope)</th>
            <th className="px-3 py-2">Grant a role</th>
            <th className="px-3 py-2">Sessions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid="user-row" data-email={u.email} className="border-t border-slate-200 align-top">
              <td className="px-3 py-2">
                <span className="font-medium">{u.name}</span>
                <span className="block text-xs text-slate-500">{u.email}</span>
              </td>
              <td className="px-3 py-2">
                <ul className="flex flex-wrap gap-1">
                  {u.grants.map((g) => (
                    <li key={g.id} className="flex items-center gap-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs">
                      {g.role}
                      {g.targetName ? `@${g.targetName}` : " (all targets)"}
                      <RevokeGrantButton grantId={g.id} />
                    </li>
                  ))}
                  {u.grants.length === 0 ? <li className="text-xs text-slate-500">none: sees nothing</li> : null}
                </ul>
              </td>
              <td className="px-3 py-2">
                <GrantRoleForm userId={u.id} targets={targetNames} />
              </td>
              <td className="px-3 py-2 text-xs">
                {u.activeSessions} active
                <RevokeSessionsButton userId={u.id} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <CreateUserForm />
    </section>
  );
}
