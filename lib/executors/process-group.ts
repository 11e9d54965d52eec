// Stopping a step's whole process group: SIGTERM, then SIGKILL for whatever is still there after
// the grace period. Liveness reads /proc so that exited-but-unreaped (zombie) members do not count.
import fs from "node:fs";

export const KILL_GRACE_MS = 2000;
const POLL_MS = 50;

/** Live (non-zombie) processes of a process group. Falls back to kill(-pgid, 0) without /proc. */
export function groupMembers(pgid: number): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    try {
      process.kill(-pgid, 0);
      return [pgid];
    } catch {
      return [];
    }
  }
  const out: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // pid (comm) state ppid pgrp …; comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] !== "Z" && Number(fields[2]) === pgid) out.push(Number(entry));
  }
  return out;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is already gone
  }
}

/**
 * Sends SIGTERM to the group, waits up to KILL_GRACE_MS for it to go, then SIGKILLs it.
 * Resolves with "killed" when SIGKILL was needed.
 */
export async function terminateGroup(pgid: number, graceMs = KILL_GRACE_MS): Promise<"terminated" | "killed" | "gone"> {
  if (groupMembers(pgid).length === 0) return "gone";
  signalGroup(pgid, "SIGTERM");
  const until = Date.now() + graceMs;
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    if (groupMembers(pgid).length === 0) return "terminated";
  }
  signalGroup(pgid, "SIGKILL");
  for (let i = 0; i < 40 && groupMembers(pgid).length > 0; i++) await new Promise((r) => setTimeout(r, POLL_MS));
  return "killed";
}
