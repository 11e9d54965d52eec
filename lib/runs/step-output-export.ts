import "server-only";
import { db } from "@/lib/db";
import type { OutputChunk } from "@/lib/executors/types";

// A step's complete output as text, streamed from the event log page by page
// (GET /api/runs/[id]/steps/[stepId]/output). Only one page of events is in memory at a time, and
// the next page is read only when the client has taken the last one (stream pull), so a 10 MB log
// sent to a slow client never sits in the server whole.

// Pages aim at about this much text: output events hold anything from one line to 256 KB.
export const PAGE_TARGET_CHARS = 1024 * 1024;
export const MAX_PAGE_EVENTS = 500;
const MIN_PAGE_EVENTS = 4;

/** The attempt a step's last queueing started (1, 2, …), or null if it was never queued. */
export async function latestAttempt(runId: string, stepId: string): Promise<number | null> {
  const last = await db.runEvent.findFirst({
    where: { runId, stepId, type: "step.queued" },
    orderBy: { seq: "desc" },
    select: { payload: true },
  });
  const attempt = (last?.payload as { attempt?: unknown } | undefined)?.attempt;
  return typeof attempt === "number" ? attempt : null;
}

export interface OutputPage {
  lastSeq: number;
  events: OutputChunk[][];
}

/** Up to `limit` output events of one attempt after `afterSeq` (and up to `throughSeq`), in order (cursor: seq). */
export async function readOutputPage(runId: string, stepId: string, attempt: number, afterSeq: number, limit: number, throughSeq?: number): Promise<OutputPage> {
  const rows = await db.runEvent.findMany({
    where: { runId, stepId, type: "step.output", seq: { gt: afterSeq, ...(throughSeq === undefined ? {} : { lte: throughSeq }) }, payload: { path: ["attempt"], equals: attempt } },
    orderBy: { seq: "asc" },
    take: limit,
    select: { seq: true, payload: true },
  });
  return {
    lastSeq: rows[rows.length - 1]?.seq ?? afterSeq,
    // Written only by the run engine as { attempt, chunks } (lib/runs/event-types.ts).
    events: rows.map((r) => (r.payload as unknown as { chunks: OutputChunk[] }).chunks),
  };
}

/** The next page's size in events, so that pages hold about PAGE_TARGET_CHARS of text. */
export function nextPageSize(limit: number, events: number, chars: number): number {
  if (events === 0 || chars === 0) return MAX_PAGE_EVENTS;
  const perEvent = chars / events;
  return Math.max(MIN_PAGE_EVENTS, Math.min(MAX_PAGE_EVENTS, Math.floor(PAGE_TARGET_CHARS / perEvent)));
}

/** A chunk as the downloaded file shows it: text as printed, a result set as tab-separated rows. */
export function chunkText(c: OutputChunk): string {
  if (c.stream !== "table") return c.text;
  const head = `-- ${c.command}: ${c.truncated ? `first ${c.rows.length} of ${c.rowCount} rows` : `${c.rowCount} ${c.rowCount === 1 ? "row" : "rows"}`}\n`;
  const clean = (v: string) => v.replace(/[\t\n]/g, " ");
  const lines = c.columns.length ? [c.columns.map(clean).join("\t"), ...c.rows.map((r) => r.map(clean).join("\t"))] : [];
  return head + lines.map((l) => `${l}\n`).join("");
}

export interface OutputStreamOptions {
  firstPage?: number;
  // Only output events up to this seq (the head the run page left out).
  throughSeq?: number;
  // "text": the output as printed (the download); "ndjson": one JSON array of chunks per event,
  // tables included, for the run page to put back in front of the tail it has.
  format?: "text" | "ndjson";
}

export function stepOutputStream(runId: string, stepId: string, attempt: number, opts: OutputStreamOptions = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const ndjson = opts.format === "ndjson";
  let after = 0;
  let limit = opts.firstPage ?? MAX_PAGE_EVENTS;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const page = await readOutputPage(runId, stepId, attempt, after, limit, opts.throughSeq);
        let chars = 0;
        for (const chunks of page.events) {
          const text = ndjson ? `${JSON.stringify(chunks)}\n` : chunks.map(chunkText).join("");
          chars += text.length;
          if (text) controller.enqueue(encoder.encode(text));
        }
        if (page.events.length < limit) {
          controller.close();
          return;
        }
        after = page.lastSeq;
        limit = nextPageSize(limit, page.events.length, chars);
      },
    },
    // Read a page only when the client has taken the previous one.
    { highWaterMark: 0 },
  );
}
