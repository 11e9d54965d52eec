import type { Table } from "mdast";
import { toString } from "mdast-util-to-string";
import { parseDuration } from "./durations";
import { nodeLines } from "./node-lines";
import { sectionAt } from "./sections";
import type { LineIndex } from "./text-lines";
import type { ParsedRunbook, Section, TableInfo } from "./types";

function kindOf(header: string[], sectionTitle: string): TableInfo["kind"] {
  const h = header.join(" | ").toLowerCase();
  if (/\bauthori[sz]|approv|decision maker|sign[- ]?off/.test(h)) return "authorization";
  if (/\brto\b|recovery time/.test(h)) return "rto";
  if (/\brpo\b|recovery point|data loss/.test(h)) return "rpo";
  if (/\b(severity|decision|trigger|condition|criteria|when|if)\b/.test(h) && /\b(action|response|decision|then|rollback)\b/.test(h)) return "decision";
  if (/decision|matrix/.test(sectionTitle.toLowerCase())) return "decision";
  return "other";
}

const STOP = new Set(["the", "a", "an", "of", "and", "to", "for", "in", "on", "with", "only"]);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .split(/\s+/)
    .filter((w) => w && !STOP.has(w) && !/^\d+$/.test(w));
}

interface SectionWords {
  list: { section: Section; words: Set<string>; count: number }[];
  // word -> indices into list of the sections whose titles contain it, ascending
  byWord: Map<string, number[]>;
}

function indexSectionWords(sections: Section[]): SectionWords {
  const byWord = new Map<string, number[]>();
  const list = sections.map((s, i) => {
    const w = words(s.title);
    for (const word of new Set(w)) {
      const at = byWord.get(word);
      if (at) at.push(i);
      else byWord.set(word, [i]);
    }
    return { section: s, words: new Set(w), count: w.length };
  });
  return { list, byWord };
}

// An RTO row names a scenario ("B: Immediate issues") or a phase ("Database Rollback"); link it
// to that scenario's section, else to the section whose title contains all its words with the
// fewest extra words (ties: the higher-level section, then the first).
function linkRow(label: string, sections: SectionWords, scenarios: ParsedRunbook["scenarios"]): string | null {
  const key = /^\s*(?:scenario\s+)?([A-Z]|\d{1,2})\s*[:.)-]/i.exec(label)?.[1];
  if (key) {
    const hit = scenarios.find((s) => s.id === `scenario-${key.toLowerCase()}`);
    if (hit) return hit.section;
  }
  const want = words(label);
  const firstWord = want[0];
  if (firstWord === undefined) return null;
  // Only sections holding the first word (or its singular/plural) can match: a large runbook has
  // thousands of sections, so they are looked up rather than scanned for every row.
  const candidates = new Set<number>();
  for (const form of [firstWord, firstWord.replace(/s$/, ""), `${firstWord}s`]) for (const i of sections.byWord.get(form) ?? []) candidates.add(i);
  let best: { section: Section; extra: number } | null = null;
  for (const i of [...candidates].sort((a, b) => a - b)) {
    const entry = sections.list[i];
    if (!entry) continue;
    const { section: s, words: have, count } = entry;
    if (!want.every((w) => have.has(w) || have.has(w.replace(/s$/, "")) || have.has(`${w}s`))) continue;
    const extra = count - want.length;
    if (!best || extra < best.extra || (extra === best.extra && s.depth < best.section.depth)) best = { section: s, extra };
  }
  return best?.section.id ?? null;
}

export function buildTables(tables: Table[], index: LineIndex, sections: Section[], scenarios: ParsedRunbook["scenarios"]): TableInfo[] {
  const out: TableInfo[] = [];
  const byId = new Map(sections.map((s) => [s.id, s]));
  let sectionWords: SectionWords | null = null;
  tables.forEach((table, i) => {
    const lines = nodeLines(table, index);
    if (!lines) return;
    const [head, ...body] = table.children.map((row) => row.children.map((cell) => toString(cell).replace(/\s+/g, " ").trim()));
    const header = head ?? [];
    const section = sectionAt(sections, lines[0]);
    const title = section ? (byId.get(section)?.title ?? "") : "";
    const info: TableInfo = { id: `table-${i + 1}`, section, lines, kind: kindOf(header, title), header, rows: body };
    if (info.kind === "rto") {
      sectionWords ??= indexSectionWords(sections);
      const candidates = sectionWords;
      const col = header.findIndex((h) => /\brto\b|recovery time/i.test(h));
      info.links = body.map((row, r) => {
        const label = row[0] ?? "";
        const budget = parseDuration((row[col >= 0 ? col : 1] ?? "").replace(/[*_]/g, ""));
        return { row: r, label, section: linkRow(label, candidates, scenarios), budgetSeconds: budget };
      });
    }
    out.push(info);
  });
  return out;
}

// Sections an RTO table gives a budget to, where the section itself states none (0 means "no
// action", not a budget, so it is skipped).
export function applyTableBudgets(tables: TableInfo[], sections: Section[]): void {
  const byId = new Map(sections.map((s) => [s.id, s]));
  for (const t of tables) {
    for (const link of t.links ?? []) {
      const s = link.section ? byId.get(link.section) : undefined;
      if (s && s.budgetSeconds === null && link.budgetSeconds) s.budgetSeconds = link.budgetSeconds;
    }
  }
}
