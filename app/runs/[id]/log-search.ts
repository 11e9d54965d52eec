import { CELL_SEPARATOR, GrowableU32, tableText, type LineIndex, type TableChunk } from "./log-index";

// Search within a step's output: every match of a literal, case-insensitive query, as (row,
// start, end) in the line index. The regex runs over each chunk's text as stored (no lowercased
// copy of 10 MB), and like the index it only grows: new chunks are searched as they arrive. A
// result table is one row: its matches are offsets into tableText (header and cells).

// Past this many matches the count reads "200000+": jumping between them still works.
export const MAX_MATCHES = 200_000;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export interface MatchRange {
  // Index of the match in the whole output (for "current match" and "3 of 120").
  n: number;
  start: number;
  end: number;
}

export class LogSearch {
  private readonly re: RegExp;
  private readonly rows = new GrowableU32();
  private readonly starts = new GrowableU32();
  private readonly ends = new GrowableU32();
  private searched = 0;
  readonly generation: number;
  capped = false;

  constructor(
    readonly query: string,
    index: LineIndex,
  ) {
    // Lines never contain "\n": a query spanning lines could not match.
    this.re = new RegExp(escapeRegExp(query.split("\n")[0] ?? ""), "gi");
    this.generation = index.generation;
    this.extend(index);
  }

  get count(): number {
    return this.rows.length;
  }

  /** Searches the chunks added to the index since the last call. */
  extend(index: LineIndex): void {
    if (index.generation !== this.generation || this.re.source === "(?:)") return;
    for (let c = this.searched; c < index.chunkCount && !this.capped; c++) {
      const chunk = index.chunk(c);
      if (!chunk) continue;
      const table = chunk.stream === "table";
      const text = table ? tableText(chunk) : chunk.text;
      let row = index.firstRowOf(c);
      this.re.lastIndex = 0;
      for (let m = this.re.exec(text); m; m = this.re.exec(text)) {
        // Matches come in order and lie within one line: walk the chunk's rows forward.
        if (!table) while (index.end(row) < m.index) row++;
        const start = table ? m.index : m.index - index.start(row);
        this.rows.push(row);
        this.starts.push(start);
        this.ends.push(start + m[0].length);
        if (this.rows.length >= MAX_MATCHES) {
          this.capped = true;
          break;
        }
      }
    }
    this.searched = index.chunkCount;
  }

  /** Row of the n-th match. */
  rowOf(n: number): number {
    return this.rows.at(n);
  }

  /** Matches inside one row, in order (binary search: rows of matches are sorted). */
  inRow(row: number): MatchRange[] {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rows.at(mid) < row) lo = mid + 1;
      else hi = mid;
    }
    const out: MatchRange[] = [];
    for (let n = lo; n < this.rows.length && this.rows.at(n) === row; n++) out.push({ n, start: this.starts.at(n), end: this.ends.at(n) });
    return out;
  }

  /** The first match at or after `row` (wrapping to the first), to start from where the reader is. */
  firstFrom(row: number): number {
    if (this.count === 0) return -1;
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rows.at(mid) < row) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.count ? lo : 0;
  }
}

/** A table's matches in each header and body cell, as offsets into that cell's text. */
export interface TableMatches {
  header: MatchRange[][];
  rows: MatchRange[][][];
}

/** Splits a table's matches (offsets into tableText, in order) over its cells, in reading order. */
export function cellMatches(chunk: TableChunk, matches: readonly MatchRange[]): TableMatches {
  let base = 0;
  let m = 0;
  const take = (cell: string): MatchRange[] => {
    const end = base + cell.length;
    const out: MatchRange[] = [];
    for (; m < matches.length && (matches[m]?.start ?? 0) <= end; m++) {
      const match = matches[m];
      if (match && match.end <= end) out.push({ n: match.n, start: match.start - base, end: match.end - base });
    }
    base = end + CELL_SEPARATOR.length;
    return out;
  };
  return { header: chunk.columns.map(take), rows: chunk.rows.map((row) => row.map(take)) };
}

/** Splits a line into plain and matched parts for highlighting. */
export function highlightParts(text: string, matches: readonly MatchRange[]): { text: string; match: MatchRange | null }[] {
  const parts: { text: string; match: MatchRange | null }[] = [];
  let at = 0;
  for (const m of matches) {
    if (m.start > at) parts.push({ text: text.slice(at, m.start), match: null });
    parts.push({ text: text.slice(m.start, m.end), match: m });
    at = m.end;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), match: null });
  return parts;
}
