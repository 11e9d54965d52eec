import type { Code, ListItem, Nodes } from "mdast";
import { toString } from "mdast-util-to-string";
import { RUNNABLE_ROLES, roleFor, type CodeRole } from "./code-roles";
import type { Collected } from "./collect";
import { matchExpectationLabel, outputBlockExpectations, parseExpectationValue } from "./expectations";
import { parseFenceInfo } from "./fence-info";
import { nodeLines } from "./node-lines";
import { sectionAt } from "./sections";
import { shellCommands, sqlCommands, sqlSessionCommands, type ContentLine } from "./step-commands";
import type { LineIndex } from "./text-lines";
import type { Command, Executor, LineRange, Section, Step } from "./types";
import { scanVariables } from "./variables";

export interface CodeBlock {
  lines: LineRange;
  lang: string;
  role: CodeRole;
  step: string | null;
  content: ContentLine[];
}

const FENCE_LINE = /^\s*(`{3,}|~{3,})\s*([^`\s]*)\s*(.*)$/;
const OUTPUT_LABEL = /^(?:expected|sample|example|actual)?\s*(?:output|result|results|response)\s*:?$/i;

interface Prepared {
  node: Code;
  lines: LineRange;
  lang: string;
  attributes: Record<string, string>;
  content: ContentLine[];
  fenced: boolean;
  closed: boolean;
  listItem: ListItem | null;
  afterOutputLabel: boolean;
  lead: string | null; // a short paragraph just before the fence ("**Execute rollback:**")
}

function prepare(entry: Collected["codes"][number], index: LineIndex, warnings: string[]): Prepared | null {
  const { node } = entry;
  const lines = nodeLines(node, index);
  if (!lines) return null;
  const firstSource = index.lines[lines[0] - 1] ?? "";
  const head = firstSource.slice(Math.max(0, (node.position?.start.column ?? 1) - 1));
  const opener = /^ {0,3}(`{3,}|~{3,})/.exec(head);
  let info = parseFenceInfo(node.lang, node.meta);
  let values = node.value === "" ? [] : node.value.split(/\r\n|\r|\n/);
  let contentStart = lines[0] + 1;
  let fenced = opener !== null;
  let closed = false;
  if (opener) {
    const closing = /^(`{3,}|~{3,})\s*$/.exec((index.lines[lines[1] - 1] ?? "").replace(/^[\s>]*/, ""));
    const fence = opener[1] ?? "```";
    closed = lines[1] > lines[0] && closing !== null && (closing[1] ?? "")[0] === fence[0] && (closing[1] ?? "").length >= fence.length;
    if (!closed) warnings.push(`line ${lines[0]}: code fence is never closed; it runs to the end of its container`);
  } else {
    // An over-indented fence (```bash at 4+ spaces inside a list item) parses as indented code
    // whose first line is the fence; the author meant a fenced block, so treat it as one.
    const inner = FENCE_LINE.exec(values[0] ?? "");
    if (inner) {
      info = parseFenceInfo(inner[2], inner[3]);
      const closing = FENCE_LINE.exec(values[values.length - 1] ?? "");
      closed = values.length > 1 && closing !== null && closing[2] === "" && (closing[1] ?? "")[0] === (inner[1] ?? "")[0];
      const indent = /^\s*/.exec(values[0] ?? "")?.[0].length ?? 0;
      values = values.slice(1, closed ? -1 : undefined).map((v) => v.replace(new RegExp(`^ {0,${indent}}`), ""));
      fenced = true;
      warnings.push(`line ${lines[0]}: fence indented as a code block; treated as a fenced block`);
    } else {
      contentStart = lines[0];
    }
  }
  const content = values.map((text, k) => ({ line: contentStart + k, text })).filter((c) => c.line <= lines[1]);
  const prev = entry.parent && "children" in entry.parent ? (entry.parent.children as Nodes[])[entry.index - 1] : undefined;
  const prevText = prev?.type === "paragraph" ? toString(prev).replace(/\s+/g, " ").trim() : "";
  const afterOutputLabel = prevText !== "" && OUTPUT_LABEL.test(prevText);
  const usableLead = prevText.length > 0 && prevText.length <= 100 && !/^(commands|steps|usage|example)s?\s*:?$/i.test(prevText) && !prevText.includes("___") && !matchExpectationLabel(prevText);
  const lead = usableLead ? prevText.replace(/\s*:$/, "") : null;
  return { node, lines, lang: info.lang, attributes: info.attributes, content, fenced, closed, listItem: entry.listItem, afterOutputLabel, lead };
}

function stepExecutor(commands: Command[]): Executor {
  const kinds = new Set(commands.map((c) => c.executor));
  const only = [...kinds][0];
  return kinds.size === 1 && only ? only : "shell";
}

function firstComment(content: ContentLine[]): string | null {
  for (const c of content) {
    const m = /^\s*(?:#(?!!)|--)\s*(.+)$/.exec(c.text);
    if (m?.[1] && !matchExpectationLabel(m[1])) return m[1].replace(/^\d+[.)]\s*/, "").trim();
    if (c.text.trim() !== "" && !/^\s*#!/.test(c.text)) return null;
  }
  return null;
}

export interface StepsResult {
  steps: Step[];
  codeBlocks: CodeBlock[];
  // Lines of checklist-like code blocks, for checks and blanks.
  checklistBlocks: CodeBlock[];
}

export function buildSteps(collected: Collected, index: LineIndex, sections: Section[], warnings: string[]): StepsResult {
  const steps: Step[] = [];
  const codeBlocks: CodeBlock[] = [];
  const sectionTitle = new Map(sections.map((s) => [s.id, s.title]));
  const titledSections = new Set<string>();
  for (const entry of collected.codes) {
    const p = prepare(entry, index, warnings);
    if (!p) continue;
    // Indented (unfenced) code is shown, never run: authors indent samples, not procedures.
    const { role, warning } = p.fenced ? roleFor(p.lang, p.content.map((c) => c.text), p.afterOutputLabel) : { role: "data" as const, warning: null };
    if (warning) warnings.push(`line ${p.lines[0]}: ${warning}`);
    const section = sectionAt(sections, p.lines[0]);
    const block: CodeBlock = { lines: p.lines, lang: p.lang, role, step: null, content: p.content };
    codeBlocks.push(block);
    if (role === "output") {
      const prevStep = steps[steps.length - 1];
      const lastCommand = prevStep?.commands[prevStep.commands.length - 1];
      if (prevStep && lastCommand && prevStep.section === section) {
        lastCommand.expect.push(...outputBlockExpectations(p.content, `output block at line ${p.lines[0]}`));
        prevStep.expect = prevStep.commands.flatMap((c) => c.expect);
      }
      continue;
    }
    if (!RUNNABLE_ROLES.has(role)) continue;
    const built = role === "shell" ? shellCommands(p.content) : role === "sql" ? sqlCommands(p.content) : sqlSessionCommands(p.content);
    warnings.push(...built.warnings.map((w) => w));
    if (built.commands.length === 0) {
      block.role = "comments";
      continue;
    }
    const id = `step-${steps.length + 1}`;
    block.step = id;
    const itemText = p.listItem ? toString(p.listItem.children.find((c) => c.type === "paragraph") ?? { type: "text", value: "" }).trim() : "";
    let title = p.attributes.name ?? (itemText || "");
    if (!title && section && !titledSections.has(section)) title = sectionTitle.get(section) ?? "";
    if (!title && p.lead) title = p.lead;
    if (!title) title = firstComment(p.content) ?? "";
    if (!title) title = (built.commands[0]?.code.split("\n")[0] ?? "").slice(0, 80);
    title = title.replace(/\s*:$/, "");
    if (section) titledSections.add(section);
    const code = p.content.map((c) => c.text).join("\n");
    steps.push({
      id,
      section,
      title,
      executor: stepExecutor(built.commands),
      lang: p.lang,
      lines: p.lines,
      code,
      destructive: built.commands.some((c) => c.destructive),
      expect: built.commands.flatMap((c) => c.expect),
      variables: scanVariables(code, role === "shell" ? /^\s*#/ : /^\s*--/),
      commands: built.commands,
      attributes: p.attributes,
    });
  }
  attachProseExpectations(collected, index, sections, steps);
  return { steps, codeBlocks, checklistBlocks: codeBlocks.filter((b) => b.role === "checklist") };
}

// "Expected: `200`" written as a paragraph after a step belongs to that step's last command.
function attachProseExpectations(collected: Collected, index: LineIndex, sections: Section[], steps: Step[]): void {
  if (steps.length === 0) return;
  for (const { node } of collected.paragraphs) {
    const text = toString(node).trim();
    if (!/^expected/i.test(text)) continue;
    const label = matchExpectationLabel(text);
    const lines = nodeLines(node, index);
    if (!label?.value || !lines) continue;
    const section = sectionAt(sections, lines[0]);
    let target: Step | undefined;
    for (const s of steps) {
      if (s.lines[1] < lines[0]) target = s;
      else break;
    }
    const command = target?.commands[target.commands.length - 1];
    if (!target || !command || target.section !== section) continue;
    const source = index.lines[lines[0] - 1]?.trim() ?? text;
    const sql = command.executor === "sql" ? command.code : null;
    command.expect.push(parseExpectationValue(label.value.split("\n")[0] ?? "", source, lines[0], { executor: command.executor, tool: command.tool, sqlBefore: sql }, label.soft));
    target.expect = target.commands.flatMap((c) => c.expect);
  }
}
