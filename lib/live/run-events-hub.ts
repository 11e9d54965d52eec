import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { readEvents, RUN_EVENTS_CHANNEL } from "@/lib/runs/events";
import type { RunEventRecord } from "@/lib/runs/event-types";
import { PresenceBoard, PRESENCE_CHANNEL, type PresenceEntry } from "./presence";

// One LISTEN connection per process fans run events out to every watcher in this process. A NOTIFY
// only says "run X has events up to seq N": the events are read from the table once per run and
// handed to every live subscriber, so 200 watchers cost one read, not 200. Subscribers that fall
// behind (late join, slow socket, lost NOTIFY, reconnect) read their own backlog from the table in
// pages and rejoin the shared tail; nothing keeps a run's whole log in memory.

export const PAGE = 500;

export interface HubSink {
  /** Writes events (consecutive seqs, in order). Returns false when the consumer is full: the hub
   * then stops writing until `resume` is called and re-reads the rest from the table. */
  write(events: readonly RunEventRecord[]): boolean;
  presence(entries: PresenceEntry[]): void;
  /** The subscription cannot continue (the database went away for good). */
  fail(error: unknown): void;
}

export interface Subscription {
  readonly lastSeq: number;
  /** The consumer has room again (stream pull). */
  resume(): void;
  close(): void;
}

type SubState = "catchup" | "live" | "paused" | "closed";

interface Subscriber {
  id: number;
  lastSeq: number;
  state: SubState;
  name: string;
  sink: HubSink;
}

interface RunChannel {
  runId: string;
  subs: Set<Subscriber>;
  // Highest seq this process has read for its live subscribers.
  cursor: number;
  // Highest seq announced by NOTIFY.
  announced: number;
  pumping: boolean;
  again: boolean;
  // Reads in flight by start seq: watchers catching up from the same point (a reconnect storm
  // resumes hundreds of them from the same last seq) share one query and one encoding.
  reads: Map<number, Promise<RunEventRecord[]>>;
}

export interface HubOptions {
  connectionString?: string;
  read?: (runId: string, afterSeq: number, limit: number) => Promise<RunEventRecord[]>;
  instanceId?: string;
}

export class RunEventsHub {
  private readonly runs = new Map<string, RunChannel>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private backoffMs = 0;
  private nextId = 1;
  private stopped = false;
  private readonly read: (runId: string, afterSeq: number, limit: number) => Promise<RunEventRecord[]>;
  readonly presence: PresenceBoard;

  constructor(private readonly options: HubOptions = {}) {
    this.read = options.read ?? readEvents;
    this.presence = new PresenceBoard(options.instanceId, (runId) => this.broadcastPresence(runId), (payload) => this.notifyPresence(payload));
  }

  /** Subscribes to a run from `afterSeq`: the backlog is read from the table, then the live tail. */
  async subscribe(runId: string, afterSeq: number, name: string, sink: HubSink): Promise<Subscription> {
    await this.ensureListening();
    const sub: Subscriber = { id: this.nextId++, lastSeq: afterSeq, state: "catchup", name, sink };
    let ch = this.runs.get(runId);
    if (!ch) {
      ch = { runId, subs: new Set(), cursor: 0, announced: 0, pumping: false, again: false, reads: new Map() };
      this.runs.set(runId, ch);
    }
    ch.subs.add(sub);
    const channel = ch;
    this.presence.join(runId, sub.id, name);
    void this.catchUp(channel, sub);
    return {
      get lastSeq() {
        return sub.lastSeq;
      },
      resume: () => {
        if (sub.state === "paused") {
          sub.state = "catchup";
          void this.catchUp(channel, sub);
        }
      },
      close: () => this.unsubscribe(channel, sub),
    };
  }

  /** Watchers of a run in this process (for tests and the presence route). */
  watcherCount(runId: string): number {
    return this.runs.get(runId)?.subs.size ?? 0;
  }

  /** Whether the LISTEN connection is up (tests wait for it to drop). */
  get listening(): boolean {
    return this.client !== null;
  }

  runCount(): number {
    return this.runs.size;
  }

  // ---- Any-run change feed (the runs overview, lib/live/runs-overview-feed.ts). Kept apart from
  // the per-run subscriptions: listeners hear every NOTIFY's "run X reached seq N" and nothing
  // is read for them here.
  private readonly anyRunListeners = new Set<(runId: string, seq: number) => void>();

  /** Calls `listener` on every run event NOTIFY (any run). Resolves once LISTEN is up; returns the unsubscribe. */
  async onAnyRunEvent(listener: (runId: string, seq: number) => void): Promise<() => void> {
    await this.ensureListening();
    this.anyRunListeners.add(listener);
    return () => {
      this.anyRunListeners.delete(listener);
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.presence.stop();
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }

  private unsubscribe(ch: RunChannel, sub: Subscriber): void {
    if (sub.state === "closed") return;
    sub.state = "closed";
    ch.subs.delete(sub);
    this.presence.leave(ch.runId, sub.id);
    if (ch.subs.size === 0 && this.runs.get(ch.runId) === ch) this.runs.delete(ch.runId);
  }

  /** Delivers events to one subscriber, keeping only seq = last + 1. Returns false on a gap. */
  private deliver(sub: Subscriber, events: readonly RunEventRecord[]): boolean {
    let from = 0;
    while (from < events.length && (events[from]?.seq ?? 0) <= sub.lastSeq) from++;
    if (from === events.length) return true;
    if (events[from]?.seq !== sub.lastSeq + 1) return false;
    const fresh = from === 0 ? events : events.slice(from);
    // The read pages are consecutive by construction (gap-free per-run seqs).
    sub.lastSeq = fresh[fresh.length - 1]?.seq ?? sub.lastSeq;
    if (!sub.sink.write(fresh) && sub.state === "live") sub.state = "paused";
    return true;
  }

  private async catchUp(ch: RunChannel, sub: Subscriber): Promise<void> {
    try {
      for (;;) {
        if (sub.state !== "catchup") return;
        const page = await this.readShared(ch, sub.lastSeq);
        if (sub.state !== "catchup") return;
        if (page.length > 0) {
          const before = sub.lastSeq;
          sub.lastSeq = page[page.length - 1]?.seq ?? sub.lastSeq;
          if (page[0]?.seq !== before + 1) throw new Error(`event log of run ${ch.runId} has a gap after ${before}`);
          if (!sub.sink.write(page)) {
            sub.state = "paused";
            return;
          }
        }
        // Caught up with both the table and what the shared tail has already handed out:
        // join the tail. Single-threaded, so no shared delivery can slip in between.
        if (page.length < PAGE && sub.lastSeq >= ch.cursor) {
          const othersLive = [...ch.subs].some((s) => s !== sub && s.state === "live");
          if (!othersLive) ch.cursor = Math.max(ch.cursor, sub.lastSeq);
          sub.state = "live";
          if (ch.announced > ch.cursor) void this.pump(ch);
          return;
        }
      }
    } catch (e) {
      if (sub.state === "closed") return;
      this.unsubscribe(ch, sub);
      sub.sink.fail(e);
    }
  }

  private readShared(ch: RunChannel, after: number): Promise<RunEventRecord[]> {
    let p = ch.reads.get(after);
    if (!p) {
      p = this.read(ch.runId, after, PAGE).finally(() => ch.reads.delete(after));
      ch.reads.set(after, p);
    }
    return p;
  }

  /** Reads what is new for a run once and fans it out to its live subscribers. */
  private async pump(ch: RunChannel): Promise<void> {
    if (ch.pumping) {
      ch.again = true;
      return;
    }
    ch.pumping = true;
    try {
      do {
        ch.again = false;
        for (;;) {
          const live = [...ch.subs].filter((s) => s.state === "live");
          if (live.length === 0) break;
          const page = await this.readShared(ch, ch.cursor);
          if (page.length === 0) break;
          ch.cursor = page[page.length - 1]?.seq ?? ch.cursor;
          for (const sub of ch.subs) {
            if (sub.state !== "live") continue;
            if (!this.deliver(sub, page)) {
              // Missed something (it joined ahead of or behind the shared cursor): re-read.
              sub.state = "catchup";
              void this.catchUp(ch, sub);
            }
          }
          if (page.length < PAGE) break;
        }
      } while (ch.again && this.runs.get(ch.runId) === ch);
    } catch (e) {
      console.error(`[live] reading events of run ${ch.runId} failed`, e);
      // Let every live subscriber recover from the table on its own.
      for (const sub of ch.subs) {
        if (sub.state === "live") {
          sub.state = "catchup";
          setTimeout(() => void this.catchUp(ch, sub), 500);
        }
      }
    } finally {
      ch.pumping = false;
    }
  }

  private onNotify(payload: string): void {
    const i = payload.lastIndexOf(":");
    const runId = payload.slice(0, i);
    const seq = Number(payload.slice(i + 1));
    for (const l of this.anyRunListeners) l(runId, seq);
    const ch = this.runs.get(runId);
    if (!ch || !Number.isFinite(seq)) return;
    ch.announced = Math.max(ch.announced, seq);
    if (ch.announced > ch.cursor) void this.pump(ch);
  }

  private ensureListening(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const url = this.options.connectionString ?? env().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    const client = new pg.Client({ connectionString: url, application_name: "desk-live" });
    client.on("notification", (n) => {
      if (n.channel === RUN_EVENTS_CHANNEL) this.onNotify(n.payload ?? "");
      else if (n.channel === PRESENCE_CHANNEL) this.presence.onRemote(n.payload ?? "");
    });
    const lost = () => {
      if (this.client !== client) return;
      this.client = null;
      client.removeAllListeners("error");
      client.on("error", () => undefined);
      client.end().catch(() => undefined);
      if (!this.stopped) this.reconnectLater();
    };
    client.on("error", lost);
    client.on("end", lost);
    await client.connect();
    await client.query(`LISTEN ${RUN_EVENTS_CHANNEL}`);
    await client.query(`LISTEN ${PRESENCE_CHANNEL}`);
    if (this.stopped) {
      await client.end();
      return;
    }
    this.client = client;
    this.backoffMs = 0;
  }

  private reconnectLater(): void {
    this.backoffMs = Math.min(Math.max(this.backoffMs * 2, 250), 5_000);
    setTimeout(() => {
      if (this.stopped || this.client) return;
      this.ensureListening().then(
        () => {
          // NOTIFYs sent while we were away are gone: every run re-reads from where it is.
          for (const ch of this.runs.values()) {
            ch.announced = Number.MAX_SAFE_INTEGER;
            void this.pump(ch).then(() => {
              ch.announced = ch.cursor;
            });
          }
          this.presence.republish();
        },
        (e: unknown) => {
          console.error("[live] LISTEN connection failed, retrying", e instanceof Error ? e.message : e);
          this.reconnectLater();
        },
      );
    }, this.backoffMs);
  }

  private broadcastPresence(runId: string): void {
    const ch = this.runs.get(runId);
    if (!ch) return;
    const entries = this.presence.list(runId);
    for (const sub of ch.subs) if (sub.state !== "closed") sub.sink.presence(entries);
  }

  private notifyPresence(payload: string): void {
    const c = this.client;
    if (!c) return;
    c.query("SELECT pg_notify($1, $2)", [PRESENCE_CHANNEL, payload]).catch(() => undefined);
  }
}

// One hub per process, shared by every route bundle (and kept across dev reloads).
const globalForHub = globalThis as unknown as { deskRunEventsHub?: RunEventsHub };

export function runEventsHub(): RunEventsHub {
  globalForHub.deskRunEventsHub ??= new RunEventsHub();
  return globalForHub.deskRunEventsHub;
}
