import type { OutputChunk } from "@/lib/executors/types";

// Output arrives line by line; storing each line as its own event would cost a transaction per
// line. Chunks are batched and flushed every `intervalMs` or when a batch is big, in order.
export class OutputBuffer {
  private pending: OutputChunk[] = [];
  private pendingBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  constructor(
    private readonly write: (chunks: OutputChunk[]) => Promise<void>,
    private readonly intervalMs = 50,
    private readonly maxBytes = 256 * 1024,
  ) {}

  push(chunk: OutputChunk): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.stream === "table" ? JSON.stringify(chunk.rows).length : chunk.text.length;
    if (this.pendingBytes >= this.maxBytes || this.pending.length >= 1000) this.flushSoon(0);
    else this.flushSoon(this.intervalMs);
  }

  private flushSoon(delay: number): void {
    if (this.timer && delay > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delay);
  }

  /** Writes what is pending; resolves when everything pushed so far is stored. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    if (batch.length) {
      this.chain = this.chain.then(() => this.write(batch)).catch((e: unknown) => {
        this.failure ??= e;
      });
    }
    return this.chain.then(() => {
      if (this.failure) throw this.failure;
    });
  }
}
