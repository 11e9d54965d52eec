import type { ParsedRunbook, Section } from "@/lib/importer/types";

// The runbook's section tree as the report needs it: which scenario a section belongs to (own or
// inherited), its ancestors, and whether it is in the run's scope.

export interface SectionTree {
  byId: Map<string, Section>;
  ancestors(id: string | null): Section[]; // nearest first, the section itself included
  scenarioOf(id: string | null): string | null;
  inScope(id: string | null, runScenario: string | null): boolean;
  contains(outer: string, inner: string | null): boolean;
}

export function sectionTree(parsed: Pick<ParsedRunbook, "sections">): SectionTree {
  const byId = new Map(parsed.sections.map((s) => [s.id, s]));
  const ancestors = (id: string | null): Section[] => {
    const out: Section[] = [];
    for (let cur = id ? byId.get(id) : undefined; cur && out.length < 50; cur = cur.parent ? byId.get(cur.parent) : undefined) out.push(cur);
    return out;
  };
  const scenarioOf = (id: string | null) => ancestors(id).find((s) => s.scenario)?.scenario ?? null;
  return {
    byId,
    ancestors,
    scenarioOf,
    inScope: (id, runScenario) => {
      const own = scenarioOf(id);
      return runScenario === null || own === null || own === runScenario;
    },
    contains: (outer, inner) => ancestors(inner).some((s) => s.id === outer),
  };
}
