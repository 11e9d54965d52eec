import type { Executor, ParsedRunbook } from "@/lib/importer/types";

// What the preview shows: counts and the few lists a person checks before saving. The full parse
// stays on the server (it can be megabytes).
export interface ImportSummary {
  title: string;
  slug: string;
  lineCount: number;
  steps: number;
  executors: { executor: Executor; count: number }[];
  destructive: { id: string; title: string; executor: Executor; line: number }[];
  variables: string[];
  checks: number;
  blanks: number;
  sections: number;
  budgets: number;
  scenarios: { id: string; title: string }[];
  tables: number;
  warnings: string[];
  notices: string[];
  existing: { title: string; latestNumber: number | null; sameAsVersion: number | null } | null;
}

const EXECUTOR_ORDER: Executor[] = ["sql", "backup", "restore", "http", "shell", "manual"];

export function summarize(input: { parsed: ParsedRunbook; slug: string; existing: ImportSummary["existing"] }): ImportSummary {
  const { parsed } = input;
  const counts = new Map<Executor, number>();
  for (const s of parsed.steps) counts.set(s.executor, (counts.get(s.executor) ?? 0) + 1);
  return {
    title: parsed.title,
    slug: input.slug,
    lineCount: parsed.lineCount,
    steps: parsed.steps.length,
    executors: EXECUTOR_ORDER.filter((e) => counts.has(e)).map((executor) => ({ executor, count: counts.get(executor) ?? 0 })),
    destructive: parsed.steps
      .filter((s) => s.destructive)
      .map((s) => ({ id: s.id, title: s.title, executor: s.executor, line: s.lines[0] })),
    variables: parsed.variables,
    checks: parsed.checks.length,
    blanks: parsed.blanks.length,
    sections: parsed.sections.length,
    budgets: parsed.sections.filter((s) => s.budgetSeconds !== null).length,
    scenarios: parsed.scenarios.map((s) => ({ id: s.id, title: s.title })),
    tables: parsed.tables.length,
    warnings: parsed.warnings,
    notices: parsed.notices,
    existing: input.existing,
  };
}
