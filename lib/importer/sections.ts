import type { Heading, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { budgetFromBodyLine, budgetFromTitle } from "./durations";
import { nodeLines } from "./node-lines";
import { SlugRegistry } from "./slug";
import type { LineIndex } from "./text-lines";
import type { ParsedRunbook, Section } from "./types";

type Scenario = ParsedRunbook["scenarios"][number];

// "Scenario B: …", "2. Scenario 3 – …" define a scenario; "Step-by-Step Rollback (Scenario B - Standard)"
// only refers to one. Upper-case letters only, so "Scenario a user…" is not a scenario.
const SCENARIO_REF = /\b(?:[Ss]cenario|SCENARIO|[Ss]zenario|[Ee]scenario|[Ss]cénario)\s+([A-Z]|\d{1,3})\b/;
const SCENARIO_DEF = /^(?:[\d.]+\s*|step\s*\d+\s*[:.-]\s*)?(?:[Ss]cenario|SCENARIO|[Ss]zenario|[Ee]scenario|[Ss]cénario)\s+([A-Z]|\d{1,3})\b/;

export interface SectionResult {
  sections: Section[];
  scenarios: Scenario[];
}

export function buildSections(root: Root, index: LineIndex, proseLine: (line: number) => boolean): SectionResult {
  const headings: { node: Heading; title: string; line: number; end: number }[] = [];
  for (const child of root.children) {
    if (child.type !== "heading") continue;
    const range = nodeLines(child, index);
    if (!range) continue;
    headings.push({ node: child, title: toString(child).replace(/\s+/g, " ").trim(), line: range[0], end: range[1] });
  }
  const slugs = new SlugRegistry();
  const sections: Section[] = [];
  const stack: Section[] = [];
  headings.forEach((h, i) => {
    let endLine = index.lineCount;
    for (let j = i + 1; j < headings.length; j++) {
      const next = headings[j];
      if (next && next.node.depth <= h.node.depth) {
        endLine = next.line - 1;
        break;
      }
    }
    while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= h.node.depth) stack.pop();
    const parent = stack[stack.length - 1] ?? null;
    // The section's own body: up to the first heading of any depth.
    const bodyEnd = Math.min(endLine, (headings[i + 1]?.line ?? index.lineCount + 1) - 1);
    let budget = budgetFromTitle(h.title);
    for (let line = h.end + 1; budget === null && line <= bodyEnd; line++) {
      if (proseLine(line)) budget = budgetFromBodyLine(index.lines[line - 1] ?? "");
    }
    const section: Section = {
      id: slugs.unique(h.title, "section"),
      title: h.title,
      depth: h.node.depth,
      lines: [h.line, Math.max(h.line, endLine)],
      parent: parent?.id ?? null,
      budgetSeconds: budget,
      scenario: null,
    };
    sections.push(section);
    stack.push(section);
  });
  const scenarios = assignScenarios(sections);
  return { sections, scenarios };
}

function assignScenarios(sections: Section[]): Scenario[] {
  const scenarios: Scenario[] = [];
  const own = new Map<string, string>(); // section id -> scenario id
  const byKey = new Map<string, { id: string; index: number }[]>();
  const usedIds = new Set<string>();
  const define = (section: Section, key: string, index: number): void => {
    let id = `scenario-${key.toLowerCase()}`;
    for (let n = 2; usedIds.has(id); n++) id = `scenario-${key.toLowerCase()}-${n}`;
    usedIds.add(id);
    scenarios.push({ id, title: section.title, section: section.id });
    own.set(section.id, id);
    byKey.set(key, [...(byKey.get(key) ?? []), { id, index }]);
  };
  sections.forEach((s, i) => {
    const def = SCENARIO_DEF.exec(s.title);
    if (def?.[1]) define(s, def[1], i);
  });
  sections.forEach((s, i) => {
    if (own.has(s.id)) return;
    const ref = SCENARIO_REF.exec(s.title);
    if (!ref?.[1]) return;
    const defs = byKey.get(ref[1]) ?? [];
    const before = defs.filter((d) => d.index < i).pop() ?? defs[0];
    if (before) own.set(s.id, before.id);
    else define(s, ref[1], i);
  });
  const byId = new Map(sections.map((s) => [s.id, s]));
  for (const s of sections) {
    let cur: Section | undefined = s;
    while (cur && !own.has(cur.id)) cur = cur.parent ? byId.get(cur.parent) : undefined;
    s.scenario = cur ? (own.get(cur.id) ?? null) : null;
  }
  return scenarios;
}

// Innermost section containing `line`: the last section starting at or before it whose range
// still covers it (sections are nested ranges in document order). Binary search, then walk up.
export function sectionAt(sections: Section[], line: number): string | null {
  let lo = 0;
  let hi = sections.length - 1;
  let idx = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sections[mid]?.lines[0] ?? Infinity) <= line) {
      idx = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = idx; i >= 0; i--) {
    const s = sections[i];
    if (s && s.lines[1] >= line) return s.id;
  }
  return null;
}
