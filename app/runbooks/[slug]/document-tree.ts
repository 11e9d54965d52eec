import type { Block, LineRange, Step } from "@/lib/importer/types";

import type { DocNode } from "@/lib/importer/document-tree";

export type Segment = { kind: "prose"; lines: LineRange } | { kind: "step"; step: Step };

// A block may hold steps (fences nested in list items, quotes): cut it into prose around them.
export function segmentBlock(block: Block, steps: readonly Step[]): Segment[] {
  const [start, end] = block.lines;
  const inside = steps
    .filter((s) => s.lines[0] >= start && s.lines[0] <= end)
    .sort((a, b) => a.lines[0] - b.lines[0]);
  const out: Segment[] = [];
  let cursor = start;
  for (const step of inside) {
    if (step.lines[0] < cursor) continue; // overlapping steps: the importer promises none
    if (step.lines[0] > cursor) out.push({ kind: "prose", lines: [cursor, step.lines[0] - 1] });
    out.push({ kind: "step", step });
    cursor = Math.min(end, step.lines[1]) + 1;
  }
  if (cursor <= end) out.push({ kind: "prose", lines: [cursor, end] });
  return out;
}

/** Steps whose first line lies inside `range`. */
export function stepsWithin(steps: readonly Step[], range: LineRange): Step[] {
  return steps.filter((s) => s.lines[0] >= range[0] && s.lines[0] <= range[1]);
}

/** Every line a node renders, in order; the page test checks these cover the document. */
export function nodeLines(nodes: readonly DocNode[]): number[] {
  const out: number[] = [];
  const walk = (list: readonly DocNode[]) => {
    for (const n of list) {
      const b = n.kind === "section" ? n.heading : n.block;
      for (let l = b.lines[0]; l <= b.lines[1]; l++) out.push(l);
      if (n.kind === "section") walk(n.children);
    }
  };
  walk(nodes);
  return out;
}
