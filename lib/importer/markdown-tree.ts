import type { Node, Root, RootContent } from "mdast";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified, type Data, type Processor } from "unified";
import { elisionShifts, restoreElided, skeletonOf } from "./fence-elision";
import type { LineIndex } from "./text-lines";

type FromMarkdownExtension = Exclude<NonNullable<Data["fromMarkdownExtensions"]>[number], unknown[]>;

// remark-gfm's bare-URL/e-mail pass walks every text node with several regexes after parsing (a
// sixth of the parse time of a large runbook). It only wraps text it leaves unchanged in links
// to http(s)/mailto/xmpp URLs, and the importer reads text (not link nodes) except to warn about
// javascript:/vbscript:/data: links, which it never produces; so we drop that pass. Literal
// autolinks micromark itself recognises (www., http://) still become links as before.
function withoutAutolinkLiteralTransform(this: Processor): undefined {
  const data = this.data();
  const strip = (ext: FromMarkdownExtension): FromMarkdownExtension => (ext.enter && "literalAutolink" in ext.enter ? { ...ext, transforms: [] } : ext);
  data.fromMarkdownExtensions = (data.fromMarkdownExtensions ?? []).map((ext) => (Array.isArray(ext) ? ext.map(strip) : strip(ext)));
  return undefined;
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkGfm).use(withoutAutolinkLiteralTransform);

// micromark's cost grows faster than linearly with document size (a 1 MB runbook takes several
// times longer in one piece than in 30 kB pieces), so large documents are parsed in chunks cut
// just before a column-0 ATX heading that follows a blank line. Such a line ends every container
// (lists, quotes, paragraphs, tables); only top-level fences, HTML blocks and front matter can
// span it, and those are tracked here and re-checked on the parsed chunk before a cut is trusted.
const MIN_CHUNK_CHARS = 24_000;

const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const HEADING = /^#{1,6}(?:[ \t]|$)/;
const RAW_HTML_OPEN = /^ {0,3}<(script|pre|style|textarea)(?:[\s>]|$)/i;

function candidateCuts(index: LineIndex, text: string): number[] {
  if (text.length < MIN_CHUNK_CHARS * 2) return [];
  const cuts: number[] = [];
  let fence: { char: string; len: number } | null = null;
  let htmlEnd: RegExp | null = null;
  let lastCutOffset = 0;
  let firstLine = 1;
  // Front matter, if any, is never cut.
  if (index.lines[0] === "---") {
    const close = index.lines.findIndex((l, i) => i > 0 && (l === "---" || l === "..."));
    firstLine = close > 0 ? close + 2 : index.lineCount + 1;
  }
  for (let n = firstLine; n <= index.lineCount; n++) {
    const line = index.lines[n - 1] ?? "";
    if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = null;
      continue;
    }
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[2]?.[0] === fence.char && (f[2]?.length ?? 0) >= fence.len && (f[3] ?? "").trim() === "") fence = null;
      continue;
    }
    if (f && !(f[2]?.[0] === "`" && (f[3] ?? "").includes("`"))) {
      fence = { char: f[2]?.[0] ?? "`", len: f[2]?.length ?? 3 };
      continue;
    }
    if (line.includes("<!--") && !line.slice(line.indexOf("<!--")).includes("-->")) {
      htmlEnd = /-->/;
      continue;
    }
    const raw = RAW_HTML_OPEN.exec(line);
    if (raw && !new RegExp(`</${raw[1]}>`, "i").test(line)) {
      htmlEnd = new RegExp(`</${raw[1]}>`, "i");
      continue;
    }
    if (!HEADING.test(line) || n < 2 || (index.lines[n - 2] ?? "").trim() !== "") continue;
    const offset = index.starts[n - 1] ?? 0;
    if (offset - lastCutOffset < MIN_CHUNK_CHARS || text.length - offset < MIN_CHUNK_CHARS / 2) continue;
    cuts.push(n);
    lastCutOffset = offset;
  }
  return cuts;
}

type Shifts = ReturnType<typeof elisionShifts>;
type Position = NonNullable<Node["position"]>;

// Moves a parsed chunk's positions to where they are in the whole text: past the chunk's start
// and past the fence bodies elided before each point.
function placePoint(point: Position["start"], lines: number, offset: number, shifts: Shifts | null): void {
  const k = shifts ? Math.min(point.line, shifts.lines.length - 1) : 0;
  if (point.offset !== undefined) point.offset += offset + (shifts?.chars[k] ?? 0);
  point.line += lines + (shifts?.lines[k] ?? 0);
}

function place(node: Node, lines: number, offset: number, shifts: Shifts | null): void {
  const pos = node.position;
  if (pos) {
    placePoint(pos.start, lines, offset, shifts);
    placePoint(pos.end, lines, offset, shifts);
  }
  const children = (node as { children?: Node[] }).children;
  if (children) for (const child of children) place(child, lines, offset, shifts);
}

// Parses lines fromLine..toLine-1 (fence bodies elided where micromark confirms the fences),
// with positions in the coordinates of the whole text.
function parseLines(text: string, index: LineIndex, fromLine: number, toLine: number): Root {
  const startOffset = index.starts[fromLine - 1] ?? text.length;
  const skeleton = skeletonOf(text, index, fromLine, toLine);
  if (skeleton.elisions.length > 0) {
    const root = processor.parse(skeleton.text);
    if (restoreElided(root, skeleton.elisions)) {
      const removed = skeleton.elisions.reduce((sum, e) => sum + e.lines, 0);
      place(root, fromLine - 1, startOffset, elisionShifts(skeleton.elisions, toLine - fromLine - removed));
      return root;
    }
  }
  const endOffset = toLine > index.lineCount ? text.length : (index.starts[toLine - 1] ?? text.length);
  const root = processor.parse(text.slice(startOffset, endOffset));
  if (fromLine > 1) place(root, fromLine - 1, startOffset, null);
  return root;
}

// A cut is only valid if the chunk before it ends outside any construct that could have run on.
// Positions are already those of the whole text.
function endsCleanly(root: Root, text: string): boolean {
  const last = root.children[root.children.length - 1];
  if (!last) return true;
  const start = last.position?.start.offset ?? 0;
  const end = last.position?.end.offset ?? text.length;
  const source = text.slice(start, end);
  if (last.type === "code") {
    const f = FENCE.exec(source.split(/\r\n|\r|\n/, 1)[0] ?? "");
    if (!f) return true; // indented code ends at any non-indented line
    const closing = source.split(/\r\n|\r|\n/).pop() ?? "";
    const c = FENCE.exec(closing);
    const opener = f[2] ?? "```";
    return source.includes("\n") && !!c && c[2]?.[0] === opener[0] && (c[2]?.length ?? 0) >= opener.length && (c[3] ?? "").trim() === "";
  }
  if (last.type === "html") {
    const open = /^\s*<(!--|script|pre|style|textarea|\?|![A-Za-z]|!\[CDATA\[)/i.exec(source);
    if (!open) return true;
    const closers: Record<string, RegExp> = { "!--": /-->/, "?": /\?>/, "![CDATA[": /\]\]>/ };
    const key = (open[1] ?? "").toLowerCase();
    const closer = closers[key] ?? (key.startsWith("!") ? />/ : new RegExp(`</${key}>`, "i"));
    return closer.test(source.slice(open[0].length));
  }
  return true;
}

export function parseMarkdownTree(text: string, index: LineIndex): Root {
  const cuts = candidateCuts(index, text);
  if (cuts.length === 0) return parseLines(text, index, 1, index.lineCount + 1);
  const children: RootContent[] = [];
  let fromLine = 1;
  const bounds = [...cuts, index.lineCount + 1];
  for (const toLine of bounds) {
    const root = parseLines(text, index, fromLine, toLine);
    if (toLine <= index.lineCount && !endsCleanly(root, text)) {
      continue; // merge with the next chunk: fromLine stays, the next parse covers both
    }
    children.push(...root.children);
    fromLine = toLine;
  }
  return { type: "root", children, position: { start: { line: 1, column: 1, offset: 0 }, end: { line: Math.max(1, index.lineCount), column: 1, offset: text.length } } };
}
