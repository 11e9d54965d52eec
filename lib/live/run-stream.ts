import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { RunEventRecord } from "@/lib/runs/event-types";
import type { PresenceEntry } from "./presence";
import type { RunEventsHub, Subscription } from "./run-events-hub";

// The SSE body of /api/runs/[id]/stream: `retry`, then one `run-event` per RunEvent (id = seq)
// from the resume point on, `presence` whenever the set of watchers changes, and a comment as
// heartbeat so proxies keep the connection open. Backpressure comes from the stream's queue: a
// watcher whose socket is full is paused and later re-reads from the table, never buffered.

export const HEARTBEAT_MS = 15_000;
const QUEUE_BYTES = 512 * 1024;
const encoder = new TextEncoder();
// The same record objects go to every watcher of a run: encode each once.
const frames = new WeakMap<RunEventRecord, Uint8Array>();

export function eventFrame(e: RunEventRecord): Uint8Array {
  let f = frames.get(e);
  if (!f) {
    f = encoder.encode(`id: ${e.seq}\nevent: run-event\ndata: ${JSON.stringify(e)}\n\n`);
    frames.set(e, f);
  }
  return f;
}

const batches = new WeakMap<readonly RunEventRecord[], Uint8Array>();

/** A batch of events as one chunk: the hub hands the same page to every watcher at that point. */
export function batchFrame(events: readonly RunEventRecord[]): Uint8Array {
  const only = events.length === 1 ? events[0] : undefined;
  if (only) return eventFrame(only);
  let f = batches.get(events);
  if (!f) {
    const parts = events.map(eventFrame);
    f = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    let at = 0;
    for (const p of parts) {
      f.set(p, at);
      at += p.byteLength;
    }
    batches.set(events, f);
  }
  return f;
}

const presenceFrames = new WeakMap<PresenceEntry[], Uint8Array>();

/** The hub hands one list to every watcher of a run: encode it once. */
export function presenceFrame(entries: PresenceEntry[]): Uint8Array {
  let f = presenceFrames.get(entries);
  if (!f) {
    f = encoder.encode(`event: presence\ndata: ${JSON.stringify({ watchers: entries })}\n\n`);
    presenceFrames.set(entries, f);
  }
  return f;
}

const seqSchema = z.coerce.number().int().min(0).max(2_147_483_647);

/**
 * Where to resume: the `Last-Event-ID` header (EventSource sends it on reconnect) wins over
 * `?after=` (the seq the page already has when it first connects). Null when malformed.
 */
export function resumePoint(req: Request): number | null {
  const header = req.headers.get("last-event-id");
  const raw = header !== null && header.trim() !== "" ? header.trim() : (new URL(req.url).searchParams.get("after") ?? "0");
  const parsed = seqSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

// Runs are never deleted while watched; remembering the known ones spares a query per
// connection when hundreds of watchers reconnect at once.
const knownRuns = new Set<string>();

export async function runExists(runId: string): Promise<boolean> {
  if (knownRuns.has(runId)) return true;
  const found = (await db.run.findUnique({ where: { id: runId }, select: { id: true } })) !== null;
  if (found) {
    if (knownRuns.size >= 10_000) knownRuns.clear();
    knownRuns.add(runId);
  }
  return found;
}

export interface RunStreamOptions {
  hub: RunEventsHub;
  runId: string;
  after: number;
  name: string;
  signal: AbortSignal;
  heartbeatMs?: number;
}

export async function runEventStream(o: RunStreamOptions): Promise<ReadableStream<Uint8Array>> {
  let sub: Subscription | null = null;
  let closed = false;
  let heartbeat: NodeJS.Timeout | null = null;
  let ctrl: ReadableStreamDefaultController<Uint8Array> | null = null;

  const cleanup = () => {
    if (closed) return;
    closed = true;
    if (heartbeat) clearInterval(heartbeat);
    o.signal.removeEventListener("abort", cleanup);
    sub?.close();
    try {
      ctrl?.close();
    } catch {
      // already closed or errored by the consumer
    }
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        ctrl = controller;
        controller.enqueue(encoder.encode("retry: 1000\n\n"));
      },
      pull() {
        sub?.resume();
      },
      cancel() {
        cleanup();
      },
    },
    { highWaterMark: QUEUE_BYTES, size: (chunk) => chunk.byteLength },
  );
  const enqueue = (chunk: Uint8Array) => {
    if (closed || !ctrl) return false;
    ctrl.enqueue(chunk);
    return (ctrl.desiredSize ?? 0) > 0;
  };

  o.signal.addEventListener("abort", cleanup);
  heartbeat = setInterval(() => enqueue(encoder.encode(": heartbeat\n\n")), o.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();
  try {
    sub = await o.hub.subscribe(o.runId, o.after, o.name, {
      write(events) {
        return enqueue(batchFrame(events)) && !closed;
      },
      presence(entries) {
        enqueue(presenceFrame(entries));
      },
      fail(e) {
        console.error(`[live] stream of run ${o.runId} stopped`, e);
        // The browser reconnects with Last-Event-ID and resumes where it was.
        cleanup();
      },
    });
  } catch (e) {
    cleanup();
    throw e;
  }
  // Aborted while subscribing.
  if (closed || o.signal.aborted) {
    sub.close();
    cleanup();
  }
  return stream;
}
