"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { createUserAction } from "./actions";

export function CreateUserForm() {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    start(async () => {
      const r = await createUserAction({ email: String(f.get("email") ?? ""), name: String(f.get("name") ?? ""), password: String(f.get("password") ?? "") });
      if (r?.data) {
        setMessage({ ok: true, text: "Created. Grant a role above; until then the account sees nothing." });
        form.current?.reset();
        router.refresh();
      } else {
        setMessage({ ok: false, text: r?.serverError ?? "Check the fields: a valid email and a password of at least 12 characters." });
      }
    });
  };
  return (
    <form ref={form} onSubmit={submit} className="flex flex-wrap items-end gap-2 rounded border border-slate-200 bg-white p-3 text-sm">
      <h2 className="w-full font-semibold">Add a local account</h2>
      <label className="flex flex-col">
        Email
        <input name="email" type="email" required className="rounded border border-slate-300 px-2 py-1" />
      </label>
      <label className="flex flex-col">
        Name
        <input name="name" className="rounded border border-slate-300 px-2 py-1" />
      </label>
      <label className="flex flex-col">
        Initial password (12+ characters)
        <input name="password" type="password" required minLength={12} autoComplete="new-password" className="rounded border border-slate-300 px-2 py-1" />
      </label>
      <button type="submit" disabled={pending} className="rounded bg-blue-700 px-3 py-1 font-semibold text-white disabled:opacity-60">
        Add user
      </button>
      <p role="status" className={`w-full ${message?.ok ? "text-emerald-800" : "text-red-800"}`}>
        {message?.text}
      </p>
    </form>
  );
}
