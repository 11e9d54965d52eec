import "server-only";
import { overviewRuns, visibleRuns, type OverviewRun } from "@/lib/runs/list-runs";
import { runEventsHub } from "./run-events-hub";

// The runs overview, live: one snapshot per process shared by every overview watcher. Any run
// event (NOTIFY through the LISTEN hub) marks it stale; it is re-read at most once per
// MIN_GAP_MS however busy the runs are (a step printing 100k lines notifies hundreds of times a
// second), and pushed only when it changed. Each snapshot is the whole list, so a slow watcher
// may skip some: it gets the newest when it has room.

export const MIN_GAP_MS = 1000;
// NOTIFYs sent while the LISTEN connection was down are lost: re-read now and then regardless.
export const SAFETY_MS = 30_000;
export const HEARTBEAT_MS = 15_000;

export interface ChangeSource {
  onAnyRunEvent(listener: (runId: string, seq: number) => void): Promise<() => void>;
}

type Listener = (runs: readonly OverviewRun[]) => void;

export interface FeedOptions {
  load?: () => Promise<OverviewRun[]>;
  source?: ChangeSource;
  minGapMs?: number;
  safetyMs?: number;
}

export class RunsOverviewFeed {
  private readonly listeners = new Set<Listener>();
  // Subscribers that have not had a snapshot yet: they get the next one even if nothing changed.
  private readonly waiting = new Set<Listener>();
  private latest: { runs: OverviewRun[]; json: string } | null = null;
  private dirty = true;
  private timer: NodeJS.Timeout | null = null;
  private safety: NodeJS.Timeout | null = null;
  private refreshing = false;
  private lastReadAt = 0;
  private unlisten: Promise<() => void> | null = null;
  private readonly load: () => Promise<OverviewRun[]>;
  private readonly minGapMs: number;
  private readonly safetyMs: number;

  constructor(private readonly options: FeedOptions = {}) {
    this.load = options.load ?? (() => overviewRuns());
    this.minGapMs = options.minGapMs ?? MIN_GAP_MS;
    this.safetyMs = options.safetyMs ?? SAFETY_MS;
  }

  /** Sends the current snapshot, then every changed one, until the returned function is called. */
  async subscribe(listener: Listener): Promise<() => void> {
    if (!this.unlisten) {
      this.unlisten = (this.options.source ?? runEventsHub()).onAnyRunEvent(() => this.changed());
      this.safety = setInterval(() => this.changed(), this.safetyMs);
      this.safety.unref?.();
    }
    try {
      await this.unlisten;
    } catch (e) {
      // LISTEN could not start (database down): the next watcher tries again.
      this.unlisten = null;
      if (this.safety) clearInterval(this.safety);
      this.safety = null;
      throw e;
    }
    this.listeners.add(listener);
    if (this.latest && !this.dirty) listener(this.latest.runs);
    else {
      this.waiting.add(listener);
      this.changed();
    }
    return () => this.unsubscribe(listener);
  }

  get watcherCount(): number {
    return this.listeners.size;
  }

  private unsubscribe(listener: Listener): void {
    this.listeners.delete(listener);
    this.waiting.delete(listener);
    if (this.listeners.size > 0) return;
    // Nobody watches: stop listening and forget the snapshot (it would only go stale).
    const unlisten = this.unlisten;
    this.unlisten = null;
    void unlisten?.then((f) => f()).catch(() => undefined);
    if (this.safety) clearInterval(this.safety);
    if (this.timer) clearTimeout(this.timer);
    this.safety = null;
    this.timer = null;
    this.latest = null;
    this.dirty = true;
  }

  private changed(): void {
    this.dirty = true;
    // A read in flight looks at `dirty` when it ends.
    if (this.timer || this.refreshing || this.listeners.size === 0) return;
    const wait = Math.max(0, this.lastReadAt + this.minGapMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.refresh();
    }, wait);
  }

  private async refresh(): Promise<void> {
    this.refreshing = true;
    this.dirty = false;
    this.lastReadAt = Date.now();
    try {
      const runs = await this.load();
      const json = JSON.stringify(runs);
      const changed = json !== this.latest?.json;
      this.latest = { runs, json };
      for (const l of this.listeners) if (changed || this.waiting.has(l)) l(runs);
      this.waiting.clear();
    } catch (e) {
      console.error("[live] reading the runs overview failed", e);
      this.dirty = true;
    } finally {
      this.refreshing = false;
    }
    if (this.dirty && this.listeners.size > 0) this.changed();
  }
}

// One feed per process, shared by every route bundle (and kept across dev reloads).
const globalForFeed = globalThis as unknown as { deskRunsOverviewFeed?: RunsOverviewFeed };

export function runsOverviewFeed(): RunsOverviewFeed {
  globalForFeed.deskRunsOverviewFeed ??= new RunsOverviewFeed();
  return globalForFeed.deskRunsOverviewFeed;
}

const encoder = new TextEncoder();
// Watchers who may see every target share one encoding per snapshot.
const allFrames = new WeakMap<readonly OverviewRun[], Uint8Array>();

function frame(runs: readonly OverviewRun[], allowed: "all" | readonly string[]): Uint8Array {
  const encode = () => encoder.encode(`event: runs\ndata: ${JSON.stringify({ runs: visibleRuns(runs, allowed) })}\n\n`);
  if (allowed !== "all") return encode();
  let f = allFrames.get(runs);
  if (!f) {
    f = encode();
    allFrames.set(runs, f);
  }
  return f;
}

/** The SSE body of /api/runs/stream: `runs` events (the list the user may see), heartbeats. */
export async function runsOverviewStream(o: { feed: RunsOverviewFeed; allowed: "all" | readonly string[]; signal: AbortSignal; heartbeatMs?: number }): Promise<ReadableStream<Uint8Array>> {
  let ctrl: ReadableStreamDefaultController<Uint8Array> | null = null;
  let closed = false;
  let unsubscribe: (() => void) | null = null;
  // A snapshot that did not fit the queue: sent when the client has room (only the newest matters).
  let behind: readonly OverviewRun[] | null = null;
  const send = (runs: readonly OverviewRun[]) => {
    if (closed || !ctrl) return;
    if ((ctrl.desiredSize ?? 0) <= 0) {
      behind = runs;
      return;
    }
    behind = null;
    ctrl.enqueue(frame(runs, o.allowed));
  };
  const heartbeat = setInterval(() => {
    if (!closed && ctrl && (ctrl.desiredSize ?? 0) > 0) ctrl.enqueue(encoder.encode(": heartbeat\n\n"));
  }, o.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref?.();
  const cleanup = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    o.signal.removeEventListener("abort", cleanup);
    unsubscribe?.();
    try {
      ctrl?.close();
    } catch {
      // already closed by the consumer
    }
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        ctrl = c;
        c.enqueue(encoder.encode("retry: 2000\n\n"));
      },
      pull() {
        if (behind) send(behind);
      },
      cancel: cleanup,
    },
    { highWaterMark: 256 * 1024, size: (chunk) => chunk.byteLength },
  );
  o.signal.addEventListener("abort", cleanup);
  try {
    const off = await o.feed.subscribe(send);
    if (closed) off();
    else unsubscribe = off;
  } catch (e) {
    cleanup();
    throw e;
  }
  return stream;
}
