import { describe, expect, it } from "vitest";
import type { OutputChunk } from "@/lib/executors/types";
import { LineIndex, type TableChunk } from "./log-index";
import { cellMatches, highlightParts, LogSearch, MAX_MATCHES, type MatchRange } from "./log-search";

const out = (text: string, stream: "stdout" | "stderr" | "info" = "stdout"): OutputChunk => ({ stream, text });
const table: OutputChunk = { stream: "table", columns: ["a"], rows: [["1"]], rowCount: 1, truncated: false, command: "SELECT" };

function lines(index: LineIndex): string[] {
  return Array.from({ length: index.length }, (_, i) => {
    const r = index.row(i);
    return r?.kind === "line" ? r.text : "<table>";
  });
}

describe("LineIndex", () => {
  it("makes one row per line and one per table, in order", () => {
    const index = new LineIndex();
    index.sync([out("a\nb\n"), table, out("c\n", "stderr"), out("no newline")]);
    expect(lines(index)).toEqual(["a", "b", "<table>", "c", "no newline"]);
    expect(index.row(3)).toEqual({ kind: "line", text: "c", stream: "stderr" });
    expect(index.isTable(2)).toBe(true);
    expect(index.row(99)).toBeNull();
  });

  it("knows its longest line, and forgets it when the output is replaced", () => {
    const index = new LineIndex();
    index.sync([out("ab\n" + "x".repeat(300) + "\nabc"), table]);
    expect(index.longestLine).toBe(300);
    index.sync([out("new attempt\n")]);
    expect(index.longestLine).toBe(11);
  });

  it("keeps empty lines", () => {
    const index = new LineIndex();
    index.sync([out("\n\nx\n")]);
    expect(lines(index)).toEqual(["", "", "x"]);
  });

  it("reads only new chunks when the output grows", () => {
    const first = out("1\n2\n");
    const chunks: OutputChunk[] = [first];
    const index = new LineIndex();
    index.sync(chunks);
    const second = out("3\n");
    // The projection appends by building a new array holding the same chunk objects.
    const grown = [...chunks, second];
    let reads = 0;
    const spy = new Proxy(second, {
      get(t, k) {
        if (k === "text") reads++;
        return Reflect.get(t, k);
      },
    });
    grown[1] = spy;
    index.sync(grown);
    index.sync(grown);
    // Syncing the same array twice does not read the chunk again.
    expect(reads).toBe(1);
    expect(lines(index)).toEqual(["1", "2", "3"]);
    expect(index.generation).toBe(0);
  });

  it("starts over when a new attempt replaces the output", () => {
    const index = new LineIndex();
    index.sync([out("old 1\n"), out("old 2\n")]);
    index.sync([out("new\n")]);
    expect(lines(index)).toEqual(["new"]);
    expect(index.generation).toBe(1);
    // Same length, different chunks: also a new output.
    index.sync([out("newer\n")]);
    expect(lines(index)).toEqual(["newer"]);
  });

  it("indexes 100k lines in well under a frame budget per chunk", () => {
    const chunks: OutputChunk[] = [];
    const index = new LineIndex();
    for (let c = 0; c < 100; c++) {
      chunks.push(out(Array.from({ length: 1000 }, (_, i) => `line ${c * 1000 + i} ${"x".repeat(90)}`).join("\n") + "\n"));
    }
    const t0 = performance.now();
    for (let c = 1; c <= chunks.length; c++) index.sync(chunks.slice(0, c));
    const ms = performance.now() - t0;
    expect(index.length).toBe(100_000);
    expect((index.row(99_999) as { text: string }).text).toMatch(/^line 99999 x+$/);
    expect(ms).toBeLessThan(1000);
  });
});

describe("LogSearch", () => {
  it("finds every match case-insensitively, with its row and columns", () => {
    const index = new LineIndex();
    index.sync([out("Error one\nfine\n"), table, out("error error\n", "stderr")]);
    const s = new LogSearch("ERROR", index);
    expect(s.count).toBe(3);
    expect([s.rowOf(0), s.rowOf(1), s.rowOf(2)]).toEqual([0, 3, 3]);
    expect(s.inRow(3)).toEqual([
      { n: 1, start: 0, end: 5 },
      { n: 2, start: 6, end: 11 },
    ]);
    expect(s.inRow(1)).toEqual([]);
  });

  it("finds matches in result tables, header and cells, never across two cells", () => {
    const orders: TableChunk = { stream: "table", columns: ["status", "n"], rows: [["shipped", "12"], ["Pending", "3"], ["pend"]], rowCount: 3, truncated: false, command: "SELECT" };
    const index = new LineIndex();
    index.sync([out("pending rows:\n"), orders]);
    const s = new LogSearch("pend", index);
    // Row 0 is the line, row 1 the table: "Pending" (cell 4) and "pend" (cell 6, a short row).
    expect(s.count).toBe(3);
    expect(s.rowOf(1)).toBe(1);
    const per = cellMatches(orders, s.inRow(1));
    const matched = (cells: readonly string[], ranges: MatchRange[][]) => ranges.map((m, i) => m.map((r) => cells[i]?.slice(r.start, r.end)));
    expect(matched(orders.columns, per.header)).toEqual([[], []]);
    expect(per.rows.map((ranges, r) => matched(orders.rows[r] ?? [], ranges))).toEqual([[[], []], [["Pend"], []], [["pend"]]]);
    expect(per.rows[1]?.[0]).toEqual([{ n: 1, start: 0, end: 4 }]);
    expect(new LogSearch("12", index).count).toBe(1);
    // "n" then "shipped" are neighbouring cells: "nshipped" is not in the table.
    expect(new LogSearch("nshipped", index).count).toBe(0);
    expect(new LogSearch("status", index).count).toBe(1);
  });

  it("treats the query literally", () => {
    const index = new LineIndex();
    index.sync([out("a.b\naxb\n(x)\n")]);
    expect(new LogSearch("a.b", index).count).toBe(1);
    expect(new LogSearch("(x)", index).count).toBe(1);
  });

  it("searches new chunks only as the output grows", () => {
    const index = new LineIndex();
    const chunks = [out("hit\nmiss\n")];
    index.sync(chunks);
    const s = new LogSearch("hit", index);
    expect(s.count).toBe(1);
    index.sync([...chunks, out("hit again\n")]);
    s.extend(index);
    s.extend(index);
    expect(s.count).toBe(2);
    expect(s.rowOf(1)).toBe(2);
  });

  it("stops growing a search made for an output that was replaced", () => {
    const index = new LineIndex();
    index.sync([out("hit\n")]);
    const s = new LogSearch("hit", index);
    index.sync([out("other hit\n")]);
    s.extend(index);
    expect(s.count).toBe(1);
    expect(s.generation).not.toBe(index.generation);
  });

  it("finds the first match from a row, wrapping around", () => {
    const index = new LineIndex();
    index.sync([out("x\n-\nx\n-\n")]);
    const s = new LogSearch("x", index);
    expect(s.firstFrom(1)).toBe(1);
    expect(s.firstFrom(3)).toBe(0);
    expect(new LogSearch("zzz", index).firstFrom(0)).toBe(-1);
  });

  it("caps the number of matches it keeps", () => {
    const index = new LineIndex();
    index.sync([out("a".repeat(MAX_MATCHES + 10) + "\n")]);
    const s = new LogSearch("a", index);
    expect(s.count).toBe(MAX_MATCHES);
    expect(s.capped).toBe(true);
  });

  it("searches 10 MB quickly", () => {
    const index = new LineIndex();
    const chunks = Array.from({ length: 100 }, (_, c) => out(Array.from({ length: 1000 }, (_, i) => `line ${c * 1000 + i} ${"x".repeat(90)}`).join("\n") + "\n"));
    index.sync(chunks);
    const t0 = performance.now();
    const s = new LogSearch("LINE 4242 ", index);
    const ms = performance.now() - t0;
    expect(s.count).toBe(1);
    expect(s.rowOf(0)).toBe(4242);
    expect(ms).toBeLessThan(500);
  });
});

describe("highlightParts", () => {
  it("splits a line around its matches", () => {
    expect(highlightParts("an error here", [{ n: 0, start: 3, end: 8 }]).map((p) => [p.text, p.match?.n ?? null])).toEqual([
      ["an ", null],
      ["error", 0],
      [" here", null],
    ]);
    expect(highlightParts("", [])).toEqual([{ text: "", match: null }]);
    expect(highlightParts("xx", [{ n: 0, start: 0, end: 2 }]).map((p) => p.text)).toEqual(["xx"]);
  });
});
