"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { saveTargetAction } from "./actions";

// Admins add a target or change one: its protection (two-person rule), description, connection.
// The URL goes to the server once and is stored sealed; it is never shown again.
export function TargetForm() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    start(async () => {
      const r = await saveTargetAction({
        targetName: String(f.get("targetName") ?? ""),
        url: String(f.get("url") ?? ""),
        protected: f.get("protected") === "on",
        description: String(f.get("description") ?? ""),
      });
      const invalid = r?.validationErrors ? "Check the fields: a lower-case name and a postgres:// URL." : null;
      setMessage(r?.serverError || invalid ? { ok: false, text: r?.serverError ?? invalid ?? "" } : { ok: true, text: "Saved." });
      router.refresh();
    });
  };
  return (
    <form onSubmit={submit} className="mt-6 flex flex-wrap items-end gap-2 rounded border border-slate-200 bg-white p-3 text-sm">
      <h2 className="w-full font-semibold">Add or change a target</h2>
      <label className="flex flex-col">
        Name
        <input name="targetName" required className="rounded border border-slate-300 px-2 py-1" />
      </label>
      <label className="flex min-w-72 flex-1 flex-col">
        Connection URL (empty: keep the current one)
        <input name="url" type="password" autoComplete="off" placeholder="postgres://user:password@host:5432/db" className="rounded border border-slate-300 px-2 py-1" />
      </label>
      <label className="flex flex-col">
        Description
        <input name="description" className="rounded border border-slate-300 px-2 py-1" />
      </label>
      <label className="flex items-center gap-1">
        <input name="protected" type="checkbox" /> protected (two-person rule)
      </label>
      <button type="submit" disabled={pending} className="rounded bg-slate-800 px-3 py-1 font-semibold text-white disabled:opacity-60">
        Save target
      </button>
      <p role="status" className={`w-full ${message?.ok ? "text-emerald-800" : "text-red-800"}`}>
        {message?.text}
      </p>
    </form>
  );
}
