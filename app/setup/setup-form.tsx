"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { authClient } from "@/lib/auth/client";
import { completeSetupAction } from "./actions";

export function SetupForm({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = { token, name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    start(async () => {
      const result = await completeSetupAction(input);
      if (!result?.data) {
        setError(result?.serverError ?? Object.values(result?.validationErrors ?? {}).flat().join(" ") ?? "Setup failed.");
        return;
      }
      const signIn = await authClient.signIn.email({ email: input.email, password: input.password });
      if (signIn.error) setError(signIn.error.message ?? "Created, but sign-in failed: sign in by hand.");
      else router.replace("/admin/users");
    });
  };
  return (
    <form onSubmit={submit} className="space-y-3">
      <label className="block text-sm">
        Name
        <input name="name" required autoComplete="name" className="mt-1 block w-full rounded border border-slate-300 px-2 py-1" />
      </label>
      <label className="block text-sm">
        Email
        <input name="email" type="email" required autoComplete="email" className="mt-1 block w-full rounded border border-slate-300 px-2 py-1" />
      </label>
      <label className="block text-sm">
        Password (at least 12 characters)
        <input name="password" type="password" required minLength={12} autoComplete="new-password" className="mt-1 block w-full rounded border border-slate-300 px-2 py-1" />
      </label>
      <button type="submit" disabled={pending} className="rounded bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white disabled:opacity-60">
        {pending ? "Creating…" : "Create admin and sign in"}
      </button>
      <p role="alert" aria-live="assertive" className="text-sm text-red-800">
        {error}
      </p>
    </form>
  );
}
