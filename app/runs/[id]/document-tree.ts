import type { Blank, Block, Check, LineRange, ParsedRunbook, Step } from "@/lib/importer/types";

// Inside a block, steps, checklist items and blanks are cut out to become interactive; the tree
// and scenario membership are shared with the runbook page (lib/importer/document-tree.ts).

export type Segment =
  | { kind: "prose"; lines: LineRange }
  | { kind: "step"; step: Step }
  | { kind: "check"; check: Check }
  | { kind: "blanks"; blanks: Blank[] };

type Item = { start: number; end: number; segment: Segment };

/** Cuts a block into prose and interactive pieces, in line order, losing no prose line. */
export function segmentBlock(block: Block, parsed: Pick<ParsedRunbook, "steps" | "checks" | "blanks">): Segment[] {
  const [start, end] = block.lines;
  const within = (l: number) => l >= start && l <= end;
  const blanks = parsed.blanks.filter((b) => within(b.lines[0]));
  // A table cannot be cut by rows: its blanks are filled below it.
  if (block.type === "table") {
    return blanks.length ? [{ kind: "prose", lines: block.lines }, { kind: "blanks", blanks }] : [{ kind: "prose", lines: block.lines }];
  }
  const items: Item[] = [
    ...parsed.steps.filter((s) => within(s.lines[0])).map((step) => ({ start: step.lines[0], end: step.lines[1], segment: { kind: "step", step } as Segment })),
    ...parsed.checks.filter((c) => within(c.lines[0])).map((check) => ({ start: check.lines[0], end: check.lines[1], segment: { kind: "check", check } as Segment })),
  ];
  // Blanks on one line (a sentence with two fill-ins) become one piece.
  const byLine = new Map<number, Blank[]>();
  for (const b of blanks) byLine.set(b.lines[0], [...(byLine.get(b.lines[0]) ?? []), b]);
  for (const [line, list] of byLine) {
    const last = Math.max(...list.map((b) => b.lines[1]));
    // A blank inside a checklist item or step stays with it.
    if (items.some((i) => line >= i.start && line <= i.end)) continue;
    items.push({ start: line, end: last, segment: { kind: "blanks", blanks: list } });
  }
  items.sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let cursor = start;
  for (const item of items) {
    if (item.start < cursor) continue; // overlapping pieces: the importer promises none
    if (item.start > cursor) out.push({ kind: "prose", lines: [cursor, item.start - 1] });
    out.push(item.segment);
    cursor = Math.min(end, item.end) + 1;
  }
  if (cursor <= end) out.push({ kind: "prose", lines: [cursor, end] });
  return out;
}
