"use client";

import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "@/lib/queries/keys";

interface TargetStatus {
  reachable: boolean;
  serverVersion: string | null;
  latencyMs: number | null;
  error: string | null;
}

async function fetchStatus(name: string): Promise<TargetStatus> {
  const res = await fetch(`/api/targets/${encodeURIComponent(name)}/status`, { cache: "no-store" });
  if (!res.ok) throw new Error(`status check failed (${res.status})`);
  return (await res.json()) as TargetStatus;
}

export function TargetStatusBadge({ name }: { name: string }) {
  const q = useQuery({ queryKey: queryKeys.targetStatus(name), queryFn: () => fetchStatus(name), refetchInterval: 10_000 });
  if (q.isPending) return <span className="text-slate-400">checking…</span>;
  if (q.isError) return <span className="text-amber-700">check failed</span>;
  const s = q.data;
  return (
    <span aria-live="polite" data-testid={`target-status-${name}`}>
      {s.reachable ? (
        <span className="text-emerald-700">
          reachable · PostgreSQL {s.serverVersion} · {s.latencyMs} ms
        </span>
      ) : (
        <span className="text-red-700" title={s.error ?? undefined}>
          unreachable{s.error ? `: ${s.error}` : ""}
        </span>
      )}
    </span>
  );
}
