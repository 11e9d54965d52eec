import type { Paragraph, Table } from "mdast";
import { toString } from "mdast-util-to-string";
import { nodeLines } from "./node-lines";
import { sectionAt } from "./sections";
import type { CodeBlock } from "./steps";
import type { LineIndex } from "./text-lines";
import type { Blank, Section } from "./types";

// A fill-in is a run of three or more underscores not glued to a word on both sides
// (`___text___` is emphasis, `__init__` is a name).
const BLANK_RUN = /(?<![\p{L}\p{N}])_{3,}(?![\p{L}\p{N}])/gu;

function cleanLabel(text: string): string {
  return text
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, "")
    .replace(/\[[ xX]\]/g, "")
    .replace(/[*`|]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[:：=-]+$/, "")
    .trim();
}

function lineBlanks(text: string, line: number): { label: string; line: number }[] {
  const out: { label: string; line: number }[] = [];
  let prev = 0;
  for (const m of text.matchAll(BLANK_RUN)) {
    const at = m.index ?? 0;
    let label = cleanLabel(text.slice(prev, at));
    if (!label) label = cleanLabel(text.slice(at + m[0].length).split(/_{3,}/)[0] ?? "");
    out.push({ label: label || "Blank", line });
    prev = at + m[0].length;
  }
  return out;
}

export function buildBlanks(paragraphs: Paragraph[], tables: Table[], checklistBlocks: CodeBlock[], index: LineIndex, sections: Section[]): Blank[] {
  const found: { label: string; line: number; order: number }[] = [];
  for (const p of paragraphs) {
    const range = nodeLines(p, index);
    if (!range) continue;
    for (let line = range[0]; line <= range[1]; line++) {
      const text = index.lines[line - 1] ?? "";
      if (!text.includes("___")) continue;
      for (const b of lineBlanks(text, line)) found.push({ ...b, order: 0 });
    }
  }
  for (const table of tables) {
    const header = table.children[0]?.children.map((c) => toString(c).trim()) ?? [];
    for (const row of table.children.slice(1)) {
      const rowLabel = toString(row.children[0] ?? { type: "text", value: "" }).trim();
      row.children.forEach((cell, col) => {
        const range = nodeLines(cell, index);
        const start = cell.position?.start.offset;
        const end = cell.position?.end.offset;
        if (!range || start === undefined || end === undefined) return;
        const lineStart = index.starts[range[0] - 1] ?? 0;
        const source = (index.lines[range[0] - 1] ?? "").slice(start - lineStart, end - lineStart);
        const count = [...source.matchAll(BLANK_RUN)].length;
        for (let k = 0; k < count; k++) {
          const head = header[col] ?? "";
          const label = [head, rowLabel && col > 0 ? `(${rowLabel})` : ""].filter(Boolean).join(" ");
          found.push({ label: label || "Blank", line: range[0], order: col });
        }
      });
    }
  }
  for (const block of checklistBlocks) {
    for (const c of block.content) {
      if (c.text.includes("___")) for (const b of lineBlanks(c.text, c.line)) found.push({ ...b, order: 0 });
    }
  }
  found.sort((a, b) => a.line - b.line || a.order - b.order);
  return found.map((b, i) => ({ id: `blank-${i + 1}`, label: b.label, lines: [b.line, b.line], section: sectionAt(sections, b.line) }));
}
