import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { bundledByNext } from "@/lib/env";
import { parseRunbook } from "./parse-runbook";
import type { ParseReply, ParseRequest } from "./parse-worker";
import type { ParsedRunbook } from "./types";

// Parsing takes about 2 s per MB (micromark; see bench:parse), 12 s for a 5 MB document. On the
// server's own thread that would stall every live watcher, command and page of this instance
// (and, in the launcher, the runner's output batching) for as long, twice per import (preview,
// save). Big documents are parsed on one worker thread instead; small ones (the seeds take
// 15–35 ms) stay here, where a round trip and structured clone would cost more than they save.
//
// Hand-rolled rather than a pool library (piscina, tinypool): Next's bundler only bundles a worker
// written as `new Worker(new URL("./file", import.meta.url))`, which those libraries don't
// construct; and one thread with a request map is all this needs.
export const OFF_THREAD_MIN_CHARS = 256 * 1024;

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve: (p: ParsedRunbook) => void; reject: (e: Error) => void }>();

// Bundled by Next, the worker entry is a bundled JavaScript chunk. Run
// from TypeScript source (the launcher and CLI under tsx, Vitest), a worker cannot load a .ts
// entry by itself on Node 20: it registers tsx first.
function fromSource(): Worker {
  const entry = fileURLToPath(new URL("./parse-worker.ts", import.meta.url));
  const bootstrap = `require("tsx/cjs/api").register(); require(${JSON.stringify(entry)});`;
  // Not written as `new Worker(…)`: the bundler would try to resolve the source string as a file.
  return Reflect.construct(Worker, [bootstrap, { eval: true }]) as Worker;
}

function start(): Worker {
  const w = bundledByNext() ? new Worker(new URL("./parse-worker.ts", import.meta.url)) : fromSource();
  w.on("message", (reply: ParseReply) => {
    const pending = waiting.get(reply.id);
    if (!pending) return;
    waiting.delete(reply.id);
    if (reply.ok) pending.resolve(reply.parsed);
    else pending.reject(new Error(`The importer failed: ${reply.message}`));
    if (waiting.size === 0) w.unref();
  });
  // A worker that dies takes its pending documents with it: they fail, the next one starts afresh.
  const fail = (e: Error) => {
    if (worker === w) worker = null;
    for (const [id, pending] of waiting) {
      waiting.delete(id);
      pending.reject(new Error(`The importer's worker thread stopped: ${e.message}`));
    }
  };
  w.on("error", fail);
  w.on("exit", (code) => fail(new Error(`exit code ${code}`)));
  return w;
}

// An import parses its text twice a few seconds apart (preview, then save): the last RECENT big
// documents' parses are kept by content hash (the caller's, which it computes anyway) for RECENT_MS, as promises, so the same text asked
// for twice at once is parsed once too. A Map in insertion order is the whole LRU for two
// entries. Callers get their own copy: nothing they change reaches the next caller.
const RECENT = 2;
const RECENT_MS = 10 * 60_000;
const recent = new Map<string, { at: number; parsed: Promise<ParsedRunbook> }>();
let sentToWorker = 0;

/** Documents handed to the worker so far (for tests). */
export function offThreadParses(): number {
  return sentToWorker;
}

/** parseRunbook, off this thread for big documents. Same result either way. `hash`: the text's content hash. */
export async function parseRunbookAsync(text: string, hash: string): Promise<ParsedRunbook> {
  if (text.length < OFF_THREAD_MIN_CHARS) return parseRunbook(text);
  const now = Date.now();
  for (const [key, entry] of recent) if (now - entry.at > RECENT_MS) recent.delete(key);
  let entry = recent.get(hash);
  if (!entry) {
    entry = { at: now, parsed: parseOnWorker(text) };
    recent.set(hash, entry);
    if (recent.size > RECENT) recent.delete(recent.keys().next().value ?? "");
    const mine = entry;
    mine.parsed.catch(() => {
      if (recent.get(hash) === mine) recent.delete(hash);
    });
  }
  return structuredClone(await entry.parsed);
}

function parseOnWorker(text: string): Promise<ParsedRunbook> {
  sentToWorker++;
  worker ??= start();
  const w = worker;
  const id = nextId++;
  return new Promise<ParsedRunbook>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    // Kept alive only while a document is being parsed.
    w.ref();
    const request: ParseRequest = { id, text };
    w.postMessage(request);
  });
}
