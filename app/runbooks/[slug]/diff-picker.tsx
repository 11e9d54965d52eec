"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";

// Two versions to compare; the result is a plain URL (?diff=1..2) the server renders.
export function DiffPicker({ slug, numbers }: { slug: string; numbers: number[] }) {
  const router = useRouter();
  const params = useSearchParams();
  const newest = numbers[0] ?? 1;
  const [from, setFrom] = useState(numbers[1] ?? newest);
  const [to, setTo] = useState(newest);
  if (numbers.length < 2) return null;
  const compare = () => {
    const q = new URLSearchParams(params.toString());
    q.set("diff", `${Math.min(from, to)}..${Math.max(from, to)}`);
    router.push(`/runbooks/${encodeURIComponent(slug)}?${q.toString()}`);
  };
  return (
    <form
      className="mt-2 flex items-center gap-1.5 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        compare();
      }}
    >
      <label className="sr-only" htmlFor="diff-from">
        Compare from version
      </label>
      <select id="diff-from" value={from} onChange={(e) => setFrom(Number(e.target.value))} className="rounded border border-slate-300 bg-white px-1 py-0.5">
        {numbers.map((n) => (
          <option key={n} value={n}>
            v{n}
          </option>
        ))}
      </select>
      <span className="text-slate-500">→</span>
      <label className="sr-only" htmlFor="diff-to">
        Compare to version
      </label>
      <select id="diff-to" value={to} onChange={(e) => setTo(Number(e.target.value))} className="rounded border border-slate-300 bg-white px-1 py-0.5">
        {numbers.map((n) => (
          <option key={n} value={n}>
            v{n}
          </option>
        ))}
      </select>
      <button type="submit" disabled={from === to} className="rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-100 disabled:opacity-50">
        Compare
      </button>
    </form>
  );
}
