"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { signOutEverywhereAction } from "@/app/account/actions";
import { authClient } from "@/lib/auth/client";

// Who is signed in, with their roles, and the two ways out.
export function UserMenu({ label, roles }: { label: string; roles: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const leave = (everywhere: boolean) =>
    start(async () => {
      if (everywhere) await signOutEverywhereAction({});
      await authClient.signOut().catch(() => undefined);
      router.replace("/sign-in");
      router.refresh();
    });
  return (
    <details className="relative text-sm">
      <summary data-testid="user-menu" className="cursor-pointer list-none rounded border border-slate-300 px-2 py-0.5 text-slate-700 hover:bg-slate-50">
        {label}
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-64 rounded border border-slate-200 bg-white p-3 shadow-lg">
        <p className="text-xs text-slate-500">Roles: {roles || "none yet — ask an admin"}</p>
        <button type="button" disabled={pending} onClick={() => leave(false)} className="mt-2 block w-full rounded px-2 py-1 text-left hover:bg-slate-100">
          Sign out
        </button>
        <button type="button" disabled={pending} onClick={() => leave(true)} className="block w-full rounded px-2 py-1 text-left hover:bg-slate-100">
          Sign out everywhere
        </button>
      </div>
    </details>
  );
}
