import type { Code, Root } from "mdast";
import type { LineIndex } from "./text-lines";

// Fenced code bodies are about half of a typical large runbook, and micromark walks them
// character by character (and mdast-util-from-markdown slices them back together) only to hand
// them back verbatim. So bodies of fences opened at column 0 are cut out before parsing and put
// back afterwards. Such a fence is always a top-level block: a column-0 line cannot belong to a
// list item or lazily continue a paragraph or quote, and a fence line interrupts a paragraph. Its
// body ends at the first line that closes it (`closes` is CommonMark's rule exactly), and nothing
// in a body reaches outside it. micromark still decides whether the line really opens a fence
// (rather than sitting inside HTML, front matter or another fence): the parsed skeleton must
// show an empty code block starting on that line and closed on the next, else the caller parses
// the text in full.

export interface Elision {
  opener: number; // line of the opening fence in the skeleton (1-based)
  lines: number; // body lines removed
  chars: number; // body characters removed, line endings included
  value: string; // the body as mdast gives it: raw, without the final line ending
}

export interface Skeleton {
  text: string;
  elisions: Elision[];
}

const OPENER = /^(`{3,}|~{3,})(.*)$/;
const CLOSER = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

function closes(line: string, marker: string): boolean {
  const m = CLOSER.exec(line);
  return m !== null && m[1]?.[0] === marker[0] && (m[1]?.length ?? 0) >= marker.length;
}

// Lines fromLine..toLine-1 of the text with the bodies of column-0 fences removed.
export function skeletonOf(text: string, index: LineIndex, fromLine: number, toLine: number): Skeleton {
  const { lines, starts } = index;
  const startOf = (line: number): number => (line > index.lineCount ? text.length : (starts[line - 1] ?? text.length));
  const chunkStart = startOf(fromLine);
  const elisions: Elision[] = [];
  const pieces: string[] = [];
  let copied = chunkStart;
  let removedLines = 0;
  let n = fromLine;
  // Front matter is only ever at the very top; leave it to micromark.
  if (fromLine === 1 && lines[0] === "---") {
    const close = lines.findIndex((l, i) => i > 0 && (l === "---" || l === "..."));
    n = close > 0 ? close + 2 : toLine;
  }
  for (; n < toLine; n++) {
    const open = OPENER.exec(lines[n - 1] ?? "");
    const marker = open?.[1];
    if (!open || !marker || (marker[0] === "`" && (open[2] ?? "").includes("`"))) continue;
    let close = n + 1;
    while (close < toLine && !closes(lines[close - 1] ?? "", marker)) close++;
    if (close >= toLine) break; // runs to the end: a code block either way, nothing more to find
    const bodyStart = startOf(n + 1);
    const bodyEnd = startOf(close);
    const value = text.slice(bodyStart, (starts[close - 2] ?? bodyStart) + (lines[close - 2] ?? "").length);
    // micromark turns NUL into U+FFFD; leave such rare bodies to it.
    if (close > n + 1 && !value.includes("\u0000")) {
      pieces.push(text.slice(copied, bodyStart));
      copied = bodyEnd;
      elisions.push({ opener: n - fromLine + 1 - removedLines, lines: close - n - 1, chars: bodyEnd - bodyStart, value });
      removedLines += close - n - 1;
    }
    n = close;
  }
  if (elisions.length === 0) return { text: text.slice(chunkStart, startOf(toLine)), elisions };
  pieces.push(text.slice(copied, startOf(toLine)));
  return { text: pieces.join(""), elisions };
}

// Checks micromark's reading of the skeleton and, if it agrees, puts the bodies back.
export function restoreElided(root: Root, elisions: Elision[]): boolean {
  const found: Code[] = [];
  let i = 0;
  for (const e of elisions) {
    let child = root.children[i];
    while (child && (child.position?.start.line ?? 0) < e.opener) child = root.children[++i];
    const pos = child?.position;
    if (!child || child.type !== "code" || child.value !== "" || !pos || pos.start.line !== e.opener || pos.start.column !== 1 || pos.end.line !== e.opener + 1) {
      return false;
    }
    found.push(child);
  }
  found.forEach((node, k) => (node.value = elisions[k]?.value ?? ""));
  return true;
}

// Per skeleton line, how many lines and characters lie before it in the original chunk but not
// in the skeleton: a point on that line moves down by that much.
export function elisionShifts(elisions: Elision[], skeletonLines: number): { lines: Int32Array; chars: Int32Array } {
  const lines = new Int32Array(skeletonLines + 2);
  const chars = new Int32Array(skeletonLines + 2);
  let k = 0;
  let addLines = 0;
  let addChars = 0;
  for (let l = 1; l < lines.length; l++) {
    for (let e = elisions[k]; e && e.opener + 1 <= l; e = elisions[++k]) {
      addLines += e.lines;
      addChars += e.chars;
    }
    lines[l] = addLines;
    chars[l] = addChars;
  }
  return { lines, chars };
}
