// A big runbook made of copies of real ones, for bench:parse and for the tests of big imports.
// Each copy gets a numbered heading ("# Copy 3") and its headings a copy marker, so no two parts
// are identical text; front matter is kept only in the very first part.
export function bigRunbook(docs: readonly string[], minBytes: number): string {
  if (docs.length === 0) throw new Error("bigRunbook needs at least one document");
  const parts: string[] = [];
  let size = 0;
  for (let copy = 1; size < minBytes; copy++) {
    for (const doc of docs) {
      const body = copy === 1 && parts.length === 0 ? doc : doc.replace(/^---\n[\s\S]*?\n---\n/, "");
      const part = `\n\n# Copy ${copy}\n\n${body.replace(/^(#{1,6} .*)$/gm, `$1 (copy ${copy})`)}\n`;
      parts.push(part);
      size += Buffer.byteLength(part);
      if (size >= minBytes) break;
    }
  }
  return parts.join("");
}
