// Slicing a runbook's text by the importer's 1-based, inclusive line ranges. Line endings follow
// CommonMark (\r\n, \r or \n), like the importer, so ranges from `parsed.blocks` line up.

export type LineSpan = readonly [start: number, end: number];

export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  // A final line ending does not open another line.
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

export function sliceLines(lines: readonly string[], [start, end]: LineSpan): string {
  return lines.slice(Math.max(0, start - 1), Math.max(0, end)).join("\n");
}

// Removes the indentation shared by all non-blank lines, so a piece cut out of a list item is not
// read as an indented code block when rendered on its own.
export function dedent(text: string): string {
  const lines = text.split("\n");
  let common = Infinity;
  for (const line of lines) {
    if (line.trim() === "") continue;
    const indent = /^[ \t]*/.exec(line)?.[0].length ?? 0;
    common = Math.min(common, indent);
  }
  if (common === Infinity || common === 0) return text;
  return lines.map((l) => l.slice(Math.min(common, /^[ \t]*/.exec(l)?.[0].length ?? 0))).join("\n");
}
