import { readdirSync, readFileSync } from "node:fs";

// What bench:live's processes cost, read from /proc: the Next servers (where the fan-out runs),
// the desk launcher (where the runner stores output) and Postgres. The benchmark shares the
// machine's CPUs with all of them, so a latency tail is read next to these.

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const t of readdirSync(`/proc/${pid}/task`, { withFileTypes: true })) {
    try {
      const kids = readFileSync(`/proc/${pid}/task/${t.name}/children`, "utf8").trim();
      if (kids) out.push(...kids.split(/\s+/).map(Number));
    } catch {
      // thread gone
    }
  }
  return out;
}

function tree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    try {
      all.push(...childrenOf(all[i] ?? 0));
    } catch {
      // process gone
    }
  }
  return all;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return "";
  }
}

function nextServers(roots: number[]): number[] {
  const out = new Set<number>();
  for (const r of roots) {
    const servers = tree(r).filter((p) => {
      const cmd = cmdline(p);
      return cmd.includes("next") && !cmd.includes("postgres");
    });
    for (const s of servers) for (const p of tree(s)) out.add(p);
  }
  return [...out];
}

function postgres(roots: number[]): number[] {
  return roots.flatMap((r) => tree(r).filter((p) => cmdline(p).includes("postgres")));
}

function cpuS(pids: number[]): number {
  let ticks = 0;
  for (const p of pids) {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    } catch {
      // gone
    }
  }
  return ticks / 100;
}

export interface CpuSample {
  server: number;
  launcher: number;
  postgres: number;
}

/**
 * CPU seconds (user + system) used so far by the Next servers below `roots`, by the launcher
 * process (`launcher`: the embedded runner), and by Postgres (postgres processes exit with their
 * connections, so this undercounts a little).
 */
export function cpuSample(roots: number[], launcher: number): CpuSample {
  return { server: cpuS(nextServers(roots)), launcher: cpuS([launcher]), postgres: cpuS(postgres([launcher])) };
}

/** RSS (MB) of the Next server processes (and their helpers) below these roots. */
export function nextRssMb(roots: number[]): number {
  let kb = 0;
  for (const p of nextServers(roots)) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return Math.round(kb / 102.4) / 10;
}
