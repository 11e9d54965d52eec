"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { ROLES } from "@/lib/auth/permissions";
import { grantRoleAction, revokeRoleAction, revokeSessionsAction } from "./actions";

type Result = { serverError?: string; validationErrors?: unknown } | undefined;

function useAdminCommand() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (call: () => Promise<Result>) =>
    start(async () => {
      const r = await call();
      setError(r?.serverError ?? (r?.validationErrors ? "Check the fields." : null));
      router.refresh();
    });
  return { pending, error, run };
}

export function GrantRoleForm({ userId, targets }: { userId: string; targets: string[] }) {
  const { pending, error, run } = useAdminCommand();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const role = ROLES.find((r) => r === f.get("role")) ?? "viewer";
    run(() => grantRoleAction({ userId, role, targetName: String(f.get("targetName") ?? "") }));
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-center gap-1 text-xs">
      <select name="role" aria-label="Role" className="rounded border border-slate-300 px-1 py-0.5">
        {ROLES.map((r) => (
          <option key={r}>{r}</option>
        ))}
      </select>
      <select name="targetName" aria-label="On target" className="rounded border border-slate-300 px-1 py-0.5">
        <option value="">all targets</option>
        {targets.map((t) => (
          <option key={t}>{t}</option>
        ))}
      </select>
      <button type="submit" disabled={pending} className="rounded bg-slate-800 px-2 py-0.5 font-semibold text-white">
        Grant
      </button>
      <span role="status" className="text-red-800">
        {error}
      </span>
    </form>
  );
}

export function RevokeGrantButton({ grantId }: { grantId: string }) {
  const { pending, run } = useAdminCommand();
  return (
    <button type="button" disabled={pending} aria-label="Revoke this role" onClick={() => run(() => revokeRoleAction({ grantId }))} className="text-slate-500 hover:text-red-700">
      ×
    </button>
  );
}

export function RevokeSessionsButton({ userId }: { userId: string }) {
  const { pending, run } = useAdminCommand();
  return (
    <button type="button" disabled={pending} onClick={() => run(() => revokeSessionsAction({ userId }))} className="ml-2 underline">
      Sign out everywhere
    </button>
  );
}
