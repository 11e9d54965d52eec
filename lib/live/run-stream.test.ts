import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/runs/[id]/stream/route";
import { appendEventsNow } from "@/lib/runs/events";
import type { RunEventRecord } from "@/lib/runs/event-types";
import { addComment, startRun } from "@/lib/runs/service";
import { createLocalUser, grantRole } from "@/lib/auth/users";
import { makeUser, PASSWORD, signIn, type TestUser } from "@/test/auth-fixture";
import { setUpEngineRunbook } from "@/test/engine-fixture";
import { PAGE, runEventsHub } from "./run-events-hub";
import { SseParser, type SseMessage } from "./sse-parser";

let slug: string;
// The stream needs a session with run.view; presence shows the signed-in names.
let viewer: TestUser;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  ({ slug } = await setUpEngineRunbook(`live-${Date.now()}`));
  viewer = await makeUser("Viewer", [{ role: "viewer" }]);
  alice = await makeUser("Alice", [{ role: "viewer" }]);
  // A control character in a stored name does not reach the presence list.
  const email = `bob-${Date.now()}@desk.test`;
  const { id } = await createLocalUser({ email, name: "  Bob\u0007 ", password: PASSWORD });
  await grantRole(id, "viewer", null, "test");
  bob = { id, email, cookie: await signIn(email) };
});

afterAll(async () => {
  await runEventsHub().stop();
});

async function newRun(): Promise<string> {
  return (await startRun({ runbookSlug: slug, targetName: "sandbox", scenario: null, variables: {}, drill: false, actor: "commander" })).runId;
}

/** Appends `n` comments in batches (one transaction and NOTIFY per batch). */
async function comments(runId: string, n: number, batch = 50, tag = "c"): Promise<void> {
  for (let i = 0; i < n; i += batch) {
    const bodies = Array.from({ length: Math.min(batch, n - i) }, (_, k) => ({ type: "comment.added" as const, payload: { text: `${tag}${i + k}` } }));
    await appendEventsNow(runId, "tester", bodies);
  }
}

class Watcher {
  readonly events: RunEventRecord[] = [];
  readonly presence: { name: string; connections: number }[][] = [];
  readonly done: Promise<void>;
  private readonly abort = new AbortController();
  status = 0;

  constructor(
    readonly runId: string,
    opts: { after?: number; lastEventId?: number; user?: TestUser; paused?: () => Promise<void> } = {},
  ) {
    const url = new URL(`http://desk.test/api/runs/${runId}/stream`);
    if (opts.after !== undefined) url.searchParams.set("after", String(opts.after));
    const headers = new Headers({ cookie: (opts.user ?? viewer).cookie });
    if (opts.lastEventId !== undefined) headers.set("last-event-id", String(opts.lastEventId));
    const req = new Request(url, { headers, signal: this.abort.signal });
    this.done = (async () => {
      const res = await GET(req, { params: Promise.resolve({ id: runId }) });
      this.status = res.status;
      if (!res.body) return;
      await opts.paused?.();
      const reader = res.body.getReader();
      const parser = new SseParser();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          for (const m of parser.push(value)) this.take(m);
        }
      } catch (e) {
        if (!this.abort.signal.aborted) throw e;
      }
    })();
  }

  private take(m: SseMessage): void {
    if (m.event === "run-event") {
      const e = JSON.parse(m.data) as RunEventRecord;
      expect(m.id).toBe(String(e.seq));
      this.events.push(e);
    } else if (m.event === "presence") {
      this.presence.push((JSON.parse(m.data) as { watchers: { name: string; connections: number }[] }).watchers);
    }
  }

  seqs(): number[] {
    return this.events.map((e) => e.seq);
  }

  async until(pred: () => boolean, ms = 15_000): Promise<void> {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end) throw new Error(`timed out; have seqs ${this.seqs().at(0)}..${this.seqs().at(-1)} (${this.events.length})`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.abort.abort();
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function lastSeqOf(runId: string): Promise<number> {
  const { db } = await import("@/lib/db");
  return (await db.run.findUniqueOrThrow({ where: { id: runId }, select: { lastSeq: true } })).lastSeq;
}

describe("run events stream", () => {
  it("gives a late watcher the whole history (paged) and then the live tail, in order", async () => {
    const runId = await newRun();
    await comments(runId, PAGE * 2 + 37);
    const history = await lastSeqOf(runId);
    const w = new Watcher(runId);
    await w.until(() => w.events.length >= history);
    expect(w.seqs()).toEqual(range(1, history));
    expect(w.events[0]?.type).toBe("run.created");
    await addComment(runId, null, "live one", "bob");
    await comments(runId, 120, 7, "tail");
    const last = await lastSeqOf(runId);
    await w.until(() => w.events.length >= last);
    expect(w.seqs()).toEqual(range(1, last));
    expect(w.events.find((e) => e.type === "comment.added" && e.payload.text === "live one")?.actor).toBe("bob");
    w.close();
    await w.done;
  });

  it("resumes after Last-Event-ID (header beats ?after=) with no gap and no duplicate", async () => {
    const runId = await newRun();
    await comments(runId, 60);
    const w = new Watcher(runId, { after: 3, lastEventId: 40 });
    const writing = comments(runId, 200, 3);
    await writing;
    const last = await lastSeqOf(runId);
    await w.until(() => (w.events.at(-1)?.seq ?? 0) >= last);
    expect(w.seqs()).toEqual(range(41, last));
    const q = new Watcher(runId, { after: last - 5 });
    await q.until(() => q.events.length >= 5);
    expect(q.seqs()).toEqual(range(last - 4, last));
    w.close();
    q.close();
    await Promise.all([w.done, q.done]);
  });

  it("serves many watchers joining at different points while events are written: each sees every seq exactly once", async () => {
    const runId = await newRun();
    await comments(runId, 30);
    const writing = comments(runId, 600, 4);
    const watchers: Watcher[] = [];
    for (let i = 0; i < 25; i++) {
      watchers.push(new Watcher(runId, { after: i * 7 }));
      await new Promise((r) => setTimeout(r, 5));
    }
    await writing;
    const last = await lastSeqOf(runId);
    for (const [i, w] of watchers.entries()) {
      await w.until(() => (w.events.at(-1)?.seq ?? 0) >= last);
      expect(w.seqs()).toEqual(range(i * 7 + 1, last));
    }
    for (const w of watchers) w.close();
    await Promise.all(watchers.map((w) => w.done));
  });

  it("a watcher that stops reading is paused, not buffered, and later gets everything from the table", async () => {
    const runId = await newRun();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const w = new Watcher(runId, { paused: () => gate });
    // ~3 MB of output while the watcher reads nothing.
    const text = `${"x".repeat(1000)}\n`.repeat(30);
    for (let i = 0; i < 100; i++) {
      await appendEventsNow(runId, null, [{ type: "step.output", stepId: "step-1", payload: { attempt: 1, chunks: [{ stream: "stdout", text }] } }]);
    }
    release();
    const last = await lastSeqOf(runId);
    await w.until(() => (w.events.at(-1)?.seq ?? 0) >= last);
    expect(w.seqs()).toEqual(range(1, last));
    w.close();
    await w.done;
  });

  it("loses nothing when the LISTEN connection drops (missed NOTIFYs are re-read on reconnect)", async () => {
    const runId = await newRun();
    const w = new Watcher(runId);
    const first = await lastSeqOf(runId);
    await w.until(() => w.events.length >= first);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'desk-live' AND datname = current_database()");
    await admin.end();
    // Written while nobody listens (the hub waits before reconnecting): their NOTIFYs are gone.
    await w.until(() => !runEventsHub().listening, 5_000);
    await comments(runId, 40, 40);
    await w.until(() => runEventsHub().listening, 10_000);
    const last = await lastSeqOf(runId);
    await w.until(() => (w.events.at(-1)?.seq ?? 0) >= last);
    expect(w.seqs()).toEqual(range(1, last));
    w.close();
    await w.done;
  });

  it("unsubscribes on abort, and shows who is watching", async () => {
    const runId = await newRun();
    const hub = runEventsHub();
    const a = new Watcher(runId, { user: alice });
    const b = new Watcher(runId, { user: bob });
    await a.until(() => hub.watcherCount(runId) === 2);
    await a.until(() => a.presence.at(-1)?.length === 2);
    expect(a.presence.at(-1)).toEqual([
      { name: "Alice", connections: 1 },
      { name: "Bob", connections: 1 },
    ]);
    b.close();
    await b.done;
    await a.until(() => hub.watcherCount(runId) === 1);
    await a.until(() => a.presence.at(-1)?.length === 1);
    expect(a.presence.at(-1)).toEqual([{ name: "Alice", connections: 1 }]);
    a.close();
    await a.done;
    await a.until(() => hub.watcherCount(runId) === 0);
  });

  it("answers 404 for an unknown run and 400 for a bad resume point", async () => {
    const unknown = new Watcher("no-such-run");
    await unknown.done;
    expect(unknown.status).toBe(404);
    const runId = await newRun();
    const bad = await GET(new Request(`http://desk.test/api/runs/${runId}/stream`, { headers: { "last-event-id": "-3", cookie: viewer.cookie } }), {
      params: Promise.resolve({ id: runId }),
    });
    expect(bad.status).toBe(400);
  });
});
