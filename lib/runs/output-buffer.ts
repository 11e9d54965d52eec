import type { OutputChunk } from "@/lib/executors/types";

// Output arrives line by line; storing each line as its own event would cost a transaction per
// line. Chunks are batched, in order: the first line after a quiet spell is written at once (lines
// of the same tick share its batch), and while a write is in flight new lines wait for it, so a
// fast producer gets bigger batches instead of a queue of writes (watchers follow output live;
// latency stays about one write, whatever the rate). A batch also goes when it is big, and no batch
// is bigger than maxBytes (or MAX_CHUNKS chunks): what piled up behind a slow write goes in several
// events, so no single event (one SSE message, one row, the tail the run page embeds) grows with
// the output.
const MAX_CHUNKS = 1000;

function sizeOf(chunk: OutputChunk): number {
  return chunk.stream === "table" ? JSON.stringify(chunk.rows).length : chunk.text.length;
}

export class OutputBuffer {
  // Each chunk with its size, measured once (a table's is its rows as JSON).
  private pending: { chunk: OutputChunk; size: number }[] = [];
  private pendingBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private writing = false;
  private lastWriteAt = 0;
  private failure: unknown = null;

  constructor(
    private readonly write: (chunks: OutputChunk[]) => Promise<void>,
    // Least time between two writes' starts.
    private readonly intervalMs = 20,
    private readonly maxBytes = 256 * 1024,
  ) {}

  push(chunk: OutputChunk): void {
    const size = sizeOf(chunk);
    this.pending.push({ chunk, size });
    this.pendingBytes += size;
    // While writing, the write's end starts the next batch.
    if (this.writing || this.timer) return;
    const big = this.pendingBytes >= this.maxBytes || this.pending.length >= MAX_CHUNKS;
    const wait = big ? 0 : Math.max(0, this.lastWriteAt + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.startWrite();
    }, wait);
  }

  private startWrite(): void {
    if (this.writing || this.pending.length === 0) return;
    // The oldest chunks up to maxBytes (at least one, however big).
    let n = 0;
    let bytes = 0;
    for (const { size } of this.pending) {
      if (n > 0 && (bytes + size > this.maxBytes || n >= MAX_CHUNKS)) break;
      bytes += size;
      n++;
    }
    const batch = this.pending.slice(0, n).map((p) => p.chunk);
    this.pending = this.pending.slice(n);
    this.pendingBytes -= bytes;
    this.writing = true;
    this.lastWriteAt = Date.now();
    this.chain = this.write(batch)
      .catch((e: unknown) => {
        this.failure ??= e;
      })
      .finally(() => {
        this.writing = false;
        if (this.pending.length > 0 && !this.timer) {
          const wait = Math.max(0, this.lastWriteAt + this.intervalMs - Date.now());
          this.timer = setTimeout(() => {
            this.timer = null;
            this.startWrite();
          }, wait);
        }
      });
  }

  /** Writes what is pending; resolves when everything pushed so far is stored. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
      }
      if (!this.writing) this.startWrite();
      if (!this.writing) break;
      await this.chain;
    }
    if (this.failure) throw this.failure;
  }
}
