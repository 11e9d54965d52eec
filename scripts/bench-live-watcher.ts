import { randomBytes } from "node:crypto";
import http from "node:http";
import { SseParser } from "@/lib/live/sse-parser";
import type { RunEventRecord } from "@/lib/runs/event-types";

// bench:live's watchers: SSE clients that note, per bench line, when it reached them.

const log = (s: string) => console.error(`[bench:live] ${s}`);
const nowMs = () => performance.timeOrigin + performance.now();

// The first admin the bench's desk creates at start (DESK_ADMIN_*), used to sign in to each instance.
export const ADMIN = { email: "bench@desk.invalid", password: randomBytes(18).toString("base64url") };

export interface Instance {
  base: string;
  cookie: string | null;
}

/**
 * A session cookie for one instance, or null when the desk has no sign-in (the endpoint 404s):
 * the SSE route then needs none.
 */
export async function signIn(base: string): Promise<string | null> {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify(ADMIN),
  });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`sign-in at ${base} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .filter(Boolean)
    .join("; ");
  if (!cookie) throw new Error(`sign-in at ${base} set no cookie`);
  return cookie;
}

interface Decoded {
  seq: number;
  // step.output only: when it was stored, and its bench lines as [line number, written at ms]…
  storedAt: number | null;
  lines: Float64Array;
  // First and last time a watcher received it (how long the fan-out took).
  first: number;
  last: number;
}

// Every watcher receives the same events: parse each once, so the watchers' own CPU (same
// machine as the server) stays small. Receive times are still taken per watcher.
const decoded = new Map<string, Decoded>();

function decode(key: string, data: string): Decoded {
  const hit = decoded.get(key);
  if (hit) return hit;
  const e = JSON.parse(data) as RunEventRecord;
  const lines: number[] = [];
  if (e.type === "step.output") {
    for (const c of e.payload.chunks) {
      if (c.stream !== "stdout") continue;
      for (const line of c.text.split("\n")) {
        const m = /^L (\d+) (\d+)\.(\d+)$/.exec(line);
        if (m) lines.push(Number(m[1]), Number(m[2]) * 1000 + Number(`0.${m[3]}`) * 1000);
      }
    }
  }
  const d = { seq: e.seq, storedAt: e.type === "step.output" ? Date.parse(e.at) : null, lines: Float64Array.from(lines), first: Infinity, last: 0 };
  decoded.set(key, d);
  return d;
}

/** Per output event of a run: stored → first watcher, and first → last watcher (ms). */
export function fanOutTimes(runId: string): { first: number[]; spread: number[] } {
  const first: number[] = [];
  const spread: number[] = [];
  for (const [key, d] of decoded) {
    if (!key.startsWith(`${runId}:`) || d.storedAt === null || d.last === 0) continue;
    first.push(d.first - d.storedAt);
    spread.push(d.last - d.first);
  }
  return { first, spread };
}

interface WatcherStats {
  lastSeq: number;
  got: Uint8Array; // per line: times received
  latencies: number[];
  // Split of the latency: line printed → event stored (output batching), stored → received.
  stored: number[];
  delivered: number[];
  seqDuplicates: number;
  received: number;
  // step.output events received: how many chunks each line batch cost every watcher.
  outputEvents: number;
}

export class Watcher {
  readonly s: WatcherStats;
  private abort: AbortController | null = null;
  private running: Promise<void> = Promise.resolve();
  connected = false;

  /** `lines`: how many the step prints; big runs keep one latency in `sample` per watcher. */
  constructor(
    private readonly instance: Instance,
    readonly runId: string,
    private readonly lines: number,
    private readonly sample: number,
  ) {
    this.s = { lastSeq: 0, got: new Uint8Array(lines + 1), latencies: [], stored: [], delivered: [], seqDuplicates: 0, received: 0, outputEvents: 0 };
  }

  open(useLastEventId: boolean): void {
    const abort = new AbortController();
    this.abort = abort;
    const headers: Record<string, string> = { accept: "text/event-stream" };
    if (useLastEventId) headers["last-event-id"] = String(this.s.lastSeq);
    if (this.instance.cookie) headers.cookie = this.instance.cookie;
    // node:http rather than fetch: the watchers share the server's CPUs, and web streams per chunk
    // ×200 would be the bench's own cost showing up as latency.
    this.running = new Promise<void>((resolve) => {
      const end = (e?: Error) => {
        if (e && !abort.signal.aborted) log(`watcher error: ${e.message}`);
        this.connected = false;
        resolve();
      };
      const req = http.get(`${this.instance.base}/api/runs/${this.runId}/stream?name=bench`, { headers, signal: abort.signal, agent: false }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          end(new Error(`stream answered ${res.statusCode}`));
          return;
        }
        this.connected = true;
        const parser = new SseParser();
        res.on("data", (chunk: Buffer) => {
          const at = nowMs();
          for (const m of parser.push(chunk)) if (m.event === "run-event") this.take(`${this.runId}:${m.id}`, m.data, at);
        });
        res.on("error", end);
        res.on("close", () => end());
      });
      req.on("error", end);
    });
  }

  private take(key: string, data: string, at: number): void {
    const e = decode(key, data);
    if (e.seq <= this.s.lastSeq) {
      this.s.seqDuplicates++;
      return;
    }
    this.s.lastSeq = e.seq;
    if (e.storedAt === null) return;
    this.s.outputEvents++;
    this.s.delivered.push(at - e.storedAt);
    if (at < e.first) e.first = at;
    if (at > e.last) e.last = at;
    for (let k = 0; k < e.lines.length; k += 2) {
      const i = e.lines[k] ?? 0;
      const written = e.lines[k + 1] ?? 0;
      if (i < 1 || i > this.lines) continue;
      if ((this.s.got[i] ?? 0) < 255) this.s.got[i] = (this.s.got[i] ?? 0) + 1;
      if (this.s.got[i] === 1) {
        this.s.received++;
        if (i % this.sample === 0) {
          this.s.latencies.push(at - written);
          this.s.stored.push(e.storedAt - written);
        }
      }
    }
  }

  async drop(): Promise<void> {
    this.abort?.abort();
    await this.running;
  }
}
