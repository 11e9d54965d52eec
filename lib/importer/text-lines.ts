// Line bookkeeping shared by every importer stage. Line numbers are 1-based and follow CommonMark's
// notion of a line ending (\r\n, \r or \n), so they agree with mdast positions.

export interface LineIndex {
  lines: string[];
  // starts[i] = offset of line i+1 in the text.
  starts: number[];
  lineCount: number;
  textLength: number;
}

const EOL = /\r\n|\r|\n/g;

export function indexLines(text: string): LineIndex {
  const lines: string[] = [];
  const starts: number[] = [];
  let last = 0;
  EOL.lastIndex = 0;
  for (let m = EOL.exec(text); m !== null; m = EOL.exec(text)) {
    starts.push(last);
    lines.push(text.slice(last, m.index));
    last = m.index + m[0].length;
  }
  // A final line ending does not open another line ("a\n" is one line); an empty text has none.
  if (last < text.length) {
    starts.push(last);
    lines.push(text.slice(last));
  }
  return { lines, starts, lineCount: lines.length, textLength: text.length };
}

// 1-based line containing `offset`; offsets past the end map to the last line.
export function lineAtOffset(index: LineIndex, offset: number): number {
  const { starts } = index;
  if (starts.length === 0) return 0;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export function lineText(index: LineIndex, line: number): string {
  return index.lines[line - 1] ?? "";
}

export function isBlankLine(line: string): boolean {
  return line.trim().length === 0;
}

export function clampLine(index: LineIndex, line: number): number {
  if (index.lineCount === 0) return 0;
  return Math.min(Math.max(1, line), index.lineCount);
}
