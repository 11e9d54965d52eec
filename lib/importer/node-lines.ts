import type { Node } from "mdast";
import type { LineRange } from "./types";
import { clampLine, lineAtOffset, type LineIndex } from "./text-lines";

// The lines a node occupies. Derived from offsets rather than position.end.line because an end
// point sitting at column 1 of the next line (unterminated constructs) would otherwise claim a
// line the node has no character on.
export function nodeLines(node: Node, index: LineIndex): LineRange | null {
  const pos = node.position;
  if (!pos || pos.start.offset === undefined || pos.end.offset === undefined) return null;
  if (index.lineCount === 0) return null;
  const start = clampLine(index, lineAtOffset(index, pos.start.offset));
  const lastChar = Math.max(pos.start.offset, pos.end.offset - 1);
  const end = clampLine(index, lineAtOffset(index, lastChar));
  return [start, Math.max(start, end)];
}
