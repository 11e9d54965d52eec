"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { authClient, signInWithOidc } from "@/lib/auth/client";

export function SignInForm({ next, oidcLabel }: { next: string; oidcLabel: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    start(async () => {
      const { error: failed } = await authClient.signIn.email({ email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") });
      if (failed) {
        setError(failed.status === 429 ? "Too many attempts: wait a minute and try again." : (failed.message ?? "Sign-in failed."));
        return;
      }
      router.replace(next);
      router.refresh();
    });
  };
  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="space-y-3">
        <label className="block text-sm">
          Email
          <input name="email" type="email" required autoComplete="username" className="mt-1 block w-full rounded border border-slate-300 px-2 py-1" />
        </label>
        <label className="block text-sm">
          Password
          <input name="password" type="password" required autoComplete="current-password" className="mt-1 block w-full rounded border border-slate-300 px-2 py-1" />
        </label>
        <button type="submit" disabled={pending} className="w-full rounded bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white disabled:opacity-60">
          {pending ? "Signing in…" : "Sign in"}
        </button>
        <p role="alert" aria-live="assertive" className="text-sm text-red-800">
          {error}
        </p>
      </form>
      {oidcLabel ? (
        <button
          type="button"
          onClick={() => void signInWithOidc(next).then((failed) => failed && setError(failed))}
          className="w-full rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-slate-50"
        >
          {oidcLabel}
        </button>
      ) : null}
    </div>
  );
}
