import type { Block, ParsedRunbook, Section } from "./types";

// Pages walk the importer's blocks in order (they cover every line exactly once) and nest them
// under the heading sections they follow, so sections can collapse without losing a line.

export type DocNode = SectionNode | BlockNode;

export interface SectionNode {
  kind: "section";
  section: Section;
  heading: Block;
  scenario: string | null; // own or inherited from an enclosing section
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
    const node: SectionNode = {
      kind: "section",
      section,
      heading: block,
      scenario: section.scenario ?? parent?.scenario ?? null,
      children: [],
    };
    (parent?.children ?? root).push(node);
    stack.push(node);
  }
  return root;
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

/** A step belongs to a run of `runScenario` when either has no scenario or they match. */
export function inScenario(stepScenario: string | null, runScenario: string | null): boolean {
  return runScenario === null || stepScenario === null || stepScenario === runScenario;
}
