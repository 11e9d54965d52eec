// The importer's output. `desk parse --json` prints exactly this (see issue 3); runs, the UI and
// reports build on it, so fields are only ever added, never renamed.

export type LineRange = [start: number, end: number]; // 1-based, inclusive

export type Executor = "sql" | "backup" | "restore" | "http" | "shell" | "manual";

export type BlockType =
  | "frontmatter"
  | "heading"
  | "paragraph"
  | "list"
  | "table"
  | "code"
  | "blockquote"
  | "html"
  | "thematicBreak"
  | "definition"
  | "blank"
  | "other";

export interface Block {
  type: BlockType;
  lines: LineRange;
}

export interface Section {
  id: string;
  title: string;
  depth: number;
  lines: LineRange;
  parent: string | null;
  budgetSeconds: number | null;
  scenario: string | null;
}

export type Expectation =
  | { kind: "exitCode"; equals: number; source: string; line: number }
  | { kind: "rowCount"; equals: number; source: string; line: number }
  | { kind: "scalar"; equals: string; source: string; line: number }
  | { kind: "set"; equals: string[]; source: string; line: number }
  | { kind: "contains"; text: string; source: string; line: number }
  | { kind: "httpStatus"; equals: number; source: string; line: number }
  | { kind: "note"; text: string; source: string; line: number }; // human-only, not checkable

export interface Command {
  executor: Executor;
  // What the executor runs: for sql the extracted SQL (psql -c / heredoc unwrapped), else the command.
  code: string;
  lines: LineRange;
  destructive: boolean;
  expect: Expectation[];
  // Why it is manual / which tool it needs (alembic, aws, pm2…), if known.
  tool: string | null;
}

export interface Step {
  id: string;
  section: string | null;
  title: string;
  executor: Executor;
  lang: string;
  lines: LineRange; // the whole fenced block, fences included
  code: string; // the block's content as written
  destructive: boolean;
  expect: Expectation[];
  variables: string[];
  commands: Command[];
  attributes: Record<string, string>; // Runme-style ```sh { name=x }
}

export interface Check {
  id: string;
  section: string | null;
  text: string;
  checked: boolean;
  lines: LineRange;
}

export interface Blank {
  id: string;
  label: string;
  lines: LineRange;
  section: string | null;
}

export interface TableInfo {
  id: string;
  section: string | null;
  lines: LineRange;
  kind: "rto" | "rpo" | "decision" | "authorization" | "other";
  header: string[];
  rows: string[][];
  // RTO tables: each row linked to the section it budgets, if one matches.
  links?: TableRowLink[];
}

export interface TableRowLink {
  row: number; // index into rows
  label: string;
  section: string | null;
  budgetSeconds: number | null;
}

// Every code block with what the importer made of it; only runnable roles become steps.
export interface CodeBlockInfo {
  lines: LineRange;
  lang: string;
  role: "shell" | "sql" | "sql-session" | "output" | "checklist" | "diagram" | "comments" | "empty" | "data" | "source" | "unknown";
  step: string | null;
}

export interface ParsedRunbook {
  title: string;
  lineCount: number;
  blocks: Block[];
  sections: Section[];
  steps: Step[];
  checks: Check[];
  blanks: Blank[];
  tables: TableInfo[];
  variables: string[];
  scenarios: { id: string; title: string; section: string }[];
  frontmatter: Record<string, unknown> | null;
  warnings: string[];
  notices: string[];
  // The text actually parsed (mojibake repaired); line numbers refer to it. Same line count as input.
  text: string;
  codeBlocks?: CodeBlockInfo[];
}
