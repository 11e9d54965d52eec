import type { ListItem } from "mdast";
import { toString } from "mdast-util-to-string";
import { nodeLines } from "./node-lines";
import { sectionAt } from "./sections";
import type { CodeBlock } from "./steps";
import type { LineIndex } from "./text-lines";
import type { Check, LineRange, Section } from "./types";

function hasTask(item: ListItem): boolean {
  return item.children.some((c) => c.type === "list" && c.children.some((i) => typeof i.checked === "boolean" || hasTask(i)));
}

// A check covers its own item up to (not including) a nested list that holds further checks, so
// every task item lies in exactly one check's lines.
export function buildChecks(items: ListItem[], checklistBlocks: CodeBlock[], index: LineIndex, sections: Section[]): Check[] {
  const found: Omit<Check, "id">[] = [];
  for (const item of items) {
    if (typeof item.checked !== "boolean") continue;
    const range = nodeLines(item, index);
    if (!range) continue;
    let end = range[1];
    for (const child of item.children) {
      if (child.type !== "list") continue;
      const childRange = nodeLines(child, index);
      const nestedTask = child.children.some((i) => typeof i.checked === "boolean" || hasTask(i));
      if (childRange && nestedTask) {
        end = Math.min(end, childRange[0] - 1);
        break;
      }
    }
    while (end > range[0] && (index.lines[end - 1] ?? "").trim() === "") end--;
    const paragraph = item.children.find((c) => c.type === "paragraph");
    const text = (paragraph ? toString(paragraph) : "").replace(/\s+/g, " ").trim();
    const lines: LineRange = [range[0], Math.max(range[0], end)];
    found.push({ section: sectionAt(sections, range[0]), text, checked: item.checked, lines });
  }
  // "[ ] item" lines inside an untagged checklist fence (a common way to keep a checklist printable).
  for (const block of checklistBlocks) {
    for (const c of block.content) {
      const m = /^\s*(?:[-*+]\s+)?\[([ xX])\]\s*(.*)$/.exec(c.text);
      if (!m) continue;
      found.push({ section: sectionAt(sections, c.line), text: (m[2] ?? "").trim(), checked: m[1] !== " ", lines: [c.line, c.line] });
    }
  }
  found.sort((a, b) => a.lines[0] - b.lines[0]);
  return found.map((c, i) => ({ id: `check-${i + 1}`, ...c }));
}
