import type { ParsedRunbook, TableInfo } from "@/lib/importer/types";
import { formatBudget, formatDuration, withinBudget } from "./format";
import type { SectionTree } from "./scope";
import type { RtoRow, RtoTable } from "./types";

// The runbook's RTO tables with the "Actual" column filled from measured durations. A row is
// matched to a section by the importer's links, else by a scenario named in its label
// ("C: Data corruption" → scenario C); "Total" rows take the run's whole duration.

export interface Measured {
  sectionActualMs(sectionId: string): number | null;
  runScenario: string | null;
  runDurationMs: number | null;
  blankValue(label: string): string | null;
}

function scenarioFromLabel(label: string, parsed: Pick<ParsedRunbook, "scenarios">): string | null {
  const m = /^\s*(?:scenario\s+)?([A-Za-z0-9]{1,2})\s*[:.)-]/i.exec(label);
  if (!m?.[1]) return null;
  const key = m[1].toLowerCase();
  return parsed.scenarios.find((s) => s.id === `scenario-${key}`)?.id ?? null;
}

function actualFor(table: TableInfo, row: number, label: string, parsed: ParsedRunbook, tree: SectionTree, m: Measured): { section: string | null; ms: number | null; note: string | null } {
  const link = table.links?.find((l) => l.row === row);
  let section = link?.section ?? null;
  if (!section) {
    const scenario = scenarioFromLabel(label, parsed);
    section = scenario ? (parsed.scenarios.find((s) => s.id === scenario)?.section ?? null) : null;
  }
  if (section) {
    const scenario = tree.scenarioOf(section);
    if (scenario && m.runScenario !== scenario) return { section, ms: null, note: "other scenario" };
    const ms = m.sectionActualMs(section);
    // A scenario's own row is the whole rollback: the run's duration when its steps ran.
    if (scenario && scenario === m.runScenario && tree.byId.get(section)?.scenario === scenario) {
      return { section, ms: m.runDurationMs ?? ms, note: null };
    }
    return { section, ms, note: ms === null ? "not run" : null };
  }
  if (/\btotal\b/i.test(label)) return { section: null, ms: m.runDurationMs, note: null };
  return { section: null, ms: null, note: "not measured" };
}

export function fillRtoTables(parsed: ParsedRunbook, tree: SectionTree, m: Measured): RtoTable[] {
  return parsed.tables
    .filter((t) => t.kind === "rto")
    .map((t) => {
      const found = t.header.findIndex((h) => /actual/i.test(h));
      const actualColumn = found >= 0 ? found : t.header.length;
      const header = found >= 0 ? [...t.header] : [...t.header, "Actual"];
      const details: RtoRow[] = [];
      const rows = t.rows.map((cells, i) => {
        const label = cells[0] ?? "";
        const link = t.links?.find((l) => l.row === i);
        const { section, ms, note } = actualFor(t, i, label, parsed, tree, m);
        const typed = m.blankValue(`actual time (${label.toLowerCase()})`);
        const actual = ms !== null ? formatDuration(ms) : typed ? `${typed} (typed)` : (note ?? "—");
        const budget = link?.budgetSeconds ?? null;
        details.push({ label, section, budgetSeconds: budget, actualMs: ms, actual, withinBudget: withinBudget(ms, budget) });
        const out = [...cells];
        while (out.length < header.length) out.push("");
        out[actualColumn] = budget !== null && ms !== null ? `${actual} (${withinBudget(ms, budget) ? "within" : "over"} ${formatBudget(budget)})` : actual;
        return out;
      });
      const title = (t.section ? tree.byId.get(t.section)?.title : null) ?? "Recovery time objectives";
      return { id: t.id, title, section: t.section, header, rows, actualColumn, details };
    });
}
