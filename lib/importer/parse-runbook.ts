import { toString } from "mdast-util-to-string";
import { buildBlanks } from "./blanks";
import { buildBlocks } from "./blocks";
import { buildChecks } from "./checks";
import { collect } from "./collect";
import { readFrontmatter } from "./frontmatter";
import { parseMarkdownTree } from "./markdown-tree";
import { repairMojibake } from "./mojibake";
import { safetyWarnings } from "./safety";
import { buildSections } from "./sections";
import { buildSteps } from "./steps";
import { applyTableBudgets, buildTables } from "./tables";
import { indexLines, lineAtOffset, type LineIndex } from "./text-lines";
import type { Block, ParsedRunbook } from "./types";

function mojibakeNotice(offsets: number[], codec: string, original: LineIndex): string {
  const lines = [...new Set(offsets.map((o) => lineAtOffset(original, o)))];
  const shown = lines.slice(0, 12).join(", ") + (lines.length > 12 ? `, … (${lines.length} lines)` : "");
  return `Repaired ${offsets.length} mis-decoded character sequence${offsets.length === 1 ? "" : "s"} (UTF-8 that had been read as ${codec}) on line${lines.length === 1 ? "" : "s"} ${shown}.`;
}

function titleOf(root: ReturnType<typeof parseMarkdownTree>, frontmatter: Record<string, unknown> | null, index: LineIndex): string {
  const h1 = root.children.find((c) => c.type === "heading" && c.depth === 1);
  const anyHeading = root.children.find((c) => c.type === "heading");
  const fmTitle = frontmatter && typeof frontmatter.title === "string" ? frontmatter.title : null;
  const fromHeading = h1 ?? anyHeading;
  if (h1) return toString(h1).trim();
  if (fmTitle) return fmTitle.trim();
  if (fromHeading) return toString(fromHeading).trim();
  const firstLine = index.lines.find((l) => l.trim() !== "" && l.trim() !== "---") ?? "";
  return firstLine.replace(/^[#>*\-\s]+/, "").trim().slice(0, 120) || "Untitled runbook";
}

function parse(input: string): ParsedRunbook {
  const original = input.startsWith("\ufeff") ? input.slice(1) : input;
  const notices: string[] = [];
  const warnings: string[] = [];
  const originalIndex = indexLines(original);
  const repair = repairMojibake(original);
  if (repair.codec && repair.offsets.length > 0) notices.push(mojibakeNotice(repair.offsets, repair.codec, originalIndex));
  const text = repair.text;
  const index = indexLines(text);
  if (index.lineCount !== originalIndex.lineCount) throw new Error("line count changed during repair");
  if (text.includes("\u0000")) warnings.push("text contains NUL characters; they are shown as \ufffd");

  const root = parseMarkdownTree(text, index);
  const frontmatter = readFrontmatter(root, warnings);
  const blocks = buildBlocks(root, index);
  const lineBlock: Block["type"][] = [];
  for (const b of blocks) for (let l = b.lines[0]; l <= b.lines[1]; l++) lineBlock[l] = b.type;
  const prose = (line: number): boolean => {
    const t = lineBlock[line];
    return t === "paragraph" || t === "list" || t === "blockquote";
  };
  const { sections, scenarios } = buildSections(root, index, prose);
  const collected = collect(root);
  const { steps, codeBlocks, checklistBlocks } = buildSteps(collected, index, sections, warnings);
  const checks = buildChecks(collected.listItems, checklistBlocks, index, sections);
  const blanks = buildBlanks(
    collected.paragraphs.map((p) => p.node),
    collected.tables,
    checklistBlocks,
    index,
    sections,
  );
  const tables = buildTables(collected.tables, index, sections, scenarios);
  applyTableBudgets(tables, sections);
  warnings.push(...safetyWarnings(collected, index));
  if (sections.length === 0 && index.lineCount > 0) warnings.push("document has no headings; all steps are unsectioned");

  const variables: string[] = [];
  for (const s of steps) for (const v of s.variables) if (!variables.includes(v)) variables.push(v);

  return {
    title: titleOf(root, frontmatter, index),
    lineCount: index.lineCount,
    blocks,
    sections,
    steps,
    checks,
    blanks,
    tables,
    variables,
    scenarios,
    frontmatter,
    warnings,
    notices,
    text,
    codeBlocks: codeBlocks.map((b) => ({ lines: b.lines, lang: b.lang, role: b.role, step: b.step })),
  };
}

// Pure and total: every string yields a result whose blocks cover every line. If a stage fails on
// some input we did not foresee, the document still imports as one unstructured block with a
// warning rather than being rejected.
export function parseRunbook(input: string): ParsedRunbook {
  const text = typeof input === "string" ? input : String(input);
  try {
    return parse(text);
  } catch (e) {
    const index = indexLines(text);
    return {
      title: "Untitled runbook",
      lineCount: index.lineCount,
      blocks: index.lineCount > 0 ? [{ type: "other", lines: [1, index.lineCount] }] : [],
      sections: [],
      steps: [],
      checks: [],
      blanks: [],
      tables: [],
      variables: [],
      scenarios: [],
      frontmatter: null,
      warnings: [`internal error while parsing (${e instanceof Error ? e.message : "unknown"}); showing the document as plain text`],
      notices: [],
      text,
    };
  }
}
