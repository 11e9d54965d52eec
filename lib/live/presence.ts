import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";

// Who is watching a run right now. Each app instance knows its own SSE connections; instances
// tell each other theirs over NOTIFY (a full list per run, refreshed periodically and expiring),
// so every watcher sees everyone no matter which instance serves them. Nothing is stored.

export const PRESENCE_CHANNEL = "desk_run_presence";
const REFRESH_MS = 15_000;
const EXPIRE_MS = 40_000;
// NOTIFY payloads stop at 8000 bytes.
const MAX_NAMES = 100;

export interface PresenceEntry {
  name: string;
  // Open pages (tabs, instances) under that name.
  connections: number;
}

const remoteSchema = z.object({ r: z.string().max(64), i: z.string().max(64), n: z.array(z.string().max(40)).max(MAX_NAMES) });

export class PresenceBoard {
  private readonly local = new Map<string, Map<number, string>>();
  private readonly remote = new Map<string, Map<string, { names: string[]; at: number }>>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly timer: NodeJS.Timeout;
  readonly instanceId: string;

  constructor(
    instanceId: string | undefined,
    private readonly changed: (runId: string) => void,
    private readonly publish: (payload: string) => void,
  ) {
    this.instanceId = instanceId ?? randomUUID();
    this.timer = setInterval(() => this.tick(), REFRESH_MS);
    this.timer.unref();
  }

  join(runId: string, connId: number, name: string): void {
    let m = this.local.get(runId);
    if (!m) {
      m = new Map();
      this.local.set(runId, m);
    }
    m.set(connId, name);
    this.soon(runId);
  }

  leave(runId: string, connId: number): void {
    const m = this.local.get(runId);
    if (!m?.delete(connId)) return;
    this.soon(runId);
  }

  list(runId: string): PresenceEntry[] {
    const counts = new Map<string, number>();
    for (const name of this.local.get(runId)?.values() ?? []) counts.set(name, (counts.get(name) ?? 0) + 1);
    for (const { names } of this.remote.get(runId)?.values() ?? []) for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
    return [...counts].map(([name, connections]) => ({ name, connections })).sort((a, b) => a.name.localeCompare(b.name));
  }

  onRemote(payload: string): void {
    let parsed: z.infer<typeof remoteSchema>;
    try {
      const r = remoteSchema.safeParse(JSON.parse(payload));
      if (!r.success) return;
      parsed = r.data;
    } catch {
      return;
    }
    if (parsed.i === this.instanceId) return;
    let m = this.remote.get(parsed.r);
    if (!m) {
      m = new Map();
      this.remote.set(parsed.r, m);
    }
    if (parsed.n.length === 0) m.delete(parsed.i);
    else m.set(parsed.i, { names: parsed.n, at: Date.now() });
    if (m.size === 0) this.remote.delete(parsed.r);
    if (this.local.has(parsed.r)) this.changed(parsed.r);
  }

  /** After the LISTEN connection came back: tell the others again. */
  republish(): void {
    for (const runId of this.local.keys()) this.send(runId);
  }

  stop(): void {
    clearInterval(this.timer);
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
  }

  // Joins and leaves come in bursts (a reconnect storm): one update per run per tick.
  private soon(runId: string): void {
    if (this.pending.has(runId)) return;
    const t = setTimeout(() => {
      this.pending.delete(runId);
      this.send(runId);
      this.changed(runId);
      if (this.local.get(runId)?.size === 0) this.local.delete(runId);
    }, 100);
    t.unref();
    this.pending.set(runId, t);
  }

  private send(runId: string): void {
    const names = [...(this.local.get(runId)?.values() ?? [])].slice(0, MAX_NAMES);
    this.publish(JSON.stringify({ r: runId, i: this.instanceId, n: names }));
  }

  private tick(): void {
    for (const runId of this.local.keys()) this.send(runId);
    const now = Date.now();
    for (const [runId, m] of this.remote) {
      let dropped = false;
      for (const [inst, v] of m) {
        if (now - v.at > EXPIRE_MS) {
          m.delete(inst);
          dropped = true;
        }
      }
      if (m.size === 0) this.remote.delete(runId);
      if (dropped) this.changed(runId);
    }
  }
}

/** A watcher's display name as given in the URL: trimmed, short, printable. */
export function watcherName(raw: string | null): string {
  const clean = (raw ?? "").replace(/[\p{C}]/gu, "").trim().slice(0, 40);
  return clean || "Anonymous";
}
