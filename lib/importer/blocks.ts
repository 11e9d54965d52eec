import type { Root } from "mdast";
import { nodeLines } from "./node-lines";
import type { LineIndex } from "./text-lines";
import type { Block, BlockType } from "./types";

const TYPE: Record<string, BlockType> = {
  yaml: "frontmatter",
  toml: "frontmatter",
  heading: "heading",
  paragraph: "paragraph",
  list: "list",
  table: "table",
  code: "code",
  blockquote: "blockquote",
  html: "html",
  thematicBreak: "thematicBreak",
  definition: "definition",
};

// Top-level blocks plus the gaps between them, so that blocks cover 1..lineCount exactly once:
// blank runs become `blank`, any other uncovered line (should mdast ever skip one) `other`.
export function buildBlocks(root: Root, index: LineIndex): Block[] {
  const blocks: Block[] = [];
  let next = 1;
  const fill = (upTo: number): void => {
    while (next <= upTo) {
      const blank = (index.lines[next - 1] ?? "").trim() === "";
      let end = next;
      while (end + 1 <= upTo && ((index.lines[end] ?? "").trim() === "") === blank) end++;
      blocks.push({ type: blank ? "blank" : "other", lines: [next, end] });
      next = end + 1;
    }
  };
  for (const child of root.children) {
    const range = nodeLines(child, index);
    if (!range) continue;
    const start = Math.max(range[0], next);
    const end = Math.min(range[1], index.lineCount);
    if (end < start) continue;
    fill(start - 1);
    blocks.push({ type: TYPE[child.type] ?? "other", lines: [start, end] });
    next = end + 1;
  }
  fill(index.lineCount);
  return blocks;
}
