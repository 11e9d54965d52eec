import type { Blank, Block, Check, LineRange, ParsedRunbook, Section, Step } from "@/lib/importer/types";

// The run page walks the importer's blocks in order (they cover every line once) and nests them
// under their heading sections, so other scenarios' sections collapse without losing a line.
// Inside a block, steps, checklist items and blanks are cut out to become interactive.

export type DocNode = SectionNode | BlockNode;

export interface SectionNode {
  kind: "section";
  section: Section;
  heading: Block;
  scenario: string | null; // own or inherited
  children: DocNode[];
}

export interface BlockNode {
  kind: "block";
  block: Block;
}

export function buildDocumentTree(parsed: Pick<ParsedRunbook, "blocks" | "sections">): DocNode[] {
  const byStart = new Map<number, Section>();
  for (const s of parsed.sections) if (!byStart.has(s.lines[0])) byStart.set(s.lines[0], s);
  const root: DocNode[] = [];
  const stack: SectionNode[] = [];
  for (const block of parsed.blocks) {
    const section = block.type === "heading" ? byStart.get(block.lines[0]) : undefined;
    if (!section) {
      (stack[stack.length - 1]?.children ?? root).push({ kind: "block", block });
      continue;
    }
    while (stack.length > 0 && (stack[stack.length - 1]?.section.depth ?? 0) >= section.depth) stack.pop();
    const parent = stack[stack.length - 1];
    const node: SectionNode = { kind: "section", section, heading: block, scenario: section.scenario ?? parent?.scenario ?? null, children: [] };
    (parent?.children ?? root).push(node);
    stack.push(node);
  }
  return root;
}

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

/** Scenario of each step: its section's own or inherited one. */
export function stepScenarios(parsed: Pick<ParsedRunbook, "sections" | "steps">): Map<string, string | null> {
  const sections = new Map(parsed.sections.map((s) => [s.id, s]));
  const scenarioOf = (id: string | null): string | null => {
    for (let cur = id ? sections.get(id) : undefined, hops = 0; cur && hops < 50; cur = cur.parent ? sections.get(cur.parent) : undefined, hops++) {
      if (cur.scenario) return cur.scenario;
    }
    return null;
  };
  return new Map(parsed.steps.map((s) => [s.id, scenarioOf(s.section)]));
}

export function inScenario(stepScenario: string | null, runScenario: string | null): boolean {
  return runScenario === null || stepScenario === null || stepScenario === runScenario;
}
