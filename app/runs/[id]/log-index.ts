import type { OutputChunk } from "@/lib/executors/types";

// A step's output as rows for the virtualized log view: one row per text line, one per result
// table. Rows are offsets into the chunks the query cache already holds (no copy of the text),
// and the index only grows: each sync reads the chunks it has not seen, so a 10 MB log that gains
// a chunk costs that chunk, not a re-split of everything.

export type TextStream = "stdout" | "stderr" | "info";
export type TableChunk = Extract<OutputChunk, { stream: "table" }>;
export type LogRow = { kind: "line"; text: string; stream: TextStream } | { kind: "table"; chunk: TableChunk };

const TABLE = 0xffffffff;

// A result table as search reads it: its header and cells in reading order, one separator apart
// (NUL: no query contains it, so no match spans two cells).
export const CELL_SEPARATOR = "\u0000";

export function tableText(chunk: TableChunk): string {
  return [...chunk.columns, ...chunk.rows.flat()].join(CELL_SEPARATOR);
}

/** A Uint32Array that doubles as it fills. */
export class GrowableU32 {
  private data: Uint32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Uint32Array(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  at(i: number): number {
    return this.data[i] ?? 0;
  }

  clear(): void {
    this.length = 0;
  }
}

export class LineIndex {
  private chunks: readonly OutputChunk[] = [];
  private consumed = 0;
  private lastChunk: OutputChunk | null = null;
  // Per row: its chunk, and the line's [start, end) in that chunk's text (end excludes "\n").
  private readonly rowChunk = new GrowableU32();
  private readonly rowStart = new GrowableU32();
  private readonly rowEnd = new GrowableU32();
  // Per chunk: its first row (a chunk of n lines owns rows first … first + n - 1).
  private readonly chunkFirstRow = new GrowableU32();
  /** Bumped when the index starts over (a new attempt replaced the output): searches restart too. */
  generation = 0;
  /** Characters in the longest text line (the view offers wrapping when lines run long). */
  longestLine = 0;

  get length(): number {
    return this.rowChunk.length;
  }

  get chunkCount(): number {
    return this.consumed;
  }

  /**
   * Catches up with `chunks`. The projection only appends to a step's output within an attempt and
   * starts a new array for the next one; anything else (fewer chunks, or a different chunk where
   * the last one read was) means a new output, read from the start. Idempotent, so a render React
   * throws away leaves nothing wrong behind.
   */
  sync(chunks: readonly OutputChunk[]): void {
    const sameOutput = chunks.length >= this.consumed && (this.consumed === 0 || chunks[this.consumed - 1] === this.lastChunk);
    if (!sameOutput) this.reset();
    this.chunks = chunks;
    for (let c = this.consumed; c < chunks.length; c++) {
      const chunk = chunks[c];
      if (!chunk) continue;
      this.chunkFirstRow.push(this.length);
      if (chunk.stream === "table") {
        this.pushRow(c, TABLE, TABLE);
        continue;
      }
      const text = chunk.text;
      let start = 0;
      while (start < text.length) {
        const nl = text.indexOf("\n", start);
        const end = nl === -1 ? text.length : nl;
        this.pushRow(c, start, end);
        if (end - start > this.longestLine) this.longestLine = end - start;
        start = end + 1;
      }
    }
    this.consumed = chunks.length;
    this.lastChunk = chunks[chunks.length - 1] ?? null;
  }

  private pushRow(chunk: number, start: number, end: number): void {
    this.rowChunk.push(chunk);
    this.rowStart.push(start);
    this.rowEnd.push(end);
  }

  private reset(): void {
    this.consumed = 0;
    this.lastChunk = null;
    this.rowChunk.clear();
    this.rowStart.clear();
    this.rowEnd.clear();
    this.chunkFirstRow.clear();
    this.longestLine = 0;
    this.generation++;
  }

  row(i: number): LogRow | null {
    if (i < 0 || i >= this.length) return null;
    const chunk = this.chunks[this.rowChunk.at(i)];
    if (!chunk) return null;
    if (chunk.stream === "table") return { kind: "table", chunk };
    return { kind: "line", text: chunk.text.slice(this.rowStart.at(i), this.rowEnd.at(i)), stream: chunk.stream };
  }

  isTable(i: number): boolean {
    return this.rowStart.at(i) === TABLE;
  }

  /** The chunk a search reads, and where its rows begin. */
  chunk(c: number): OutputChunk | undefined {
    return this.chunks[c];
  }

  firstRowOf(c: number): number {
    return this.chunkFirstRow.at(c);
  }

  /** Offsets of row i inside its chunk's text. */
  start(i: number): number {
    return this.rowStart.at(i);
  }

  end(i: number): number {
    return this.rowEnd.at(i);
  }
}
