import { readFile, stat } from "node:fs/promises";
import { parseRunbook } from "@/lib/importer/parse-runbook";
import type { ParsedRunbook } from "@/lib/importer/types";

// `desk parse FILE.md [--json]`: prints the importer's result. Exit 0 for any text (problems go
// to `warnings`), 2 when the file cannot be read, is binary, or is larger than 5 MB.

export const MAX_RUNBOOK_BYTES = 5 * 1024 * 1024;

const USAGE = "usage: desk parse FILE.md [--json]";

type ReadResult = { ok: true; text: string } | { ok: false; message: string };

export async function readRunbookFile(file: string): Promise<ReadResult> {
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) return { ok: false, message: `${file} is a directory, not a Markdown file` };
    size = info.size;
  } catch (e) {
    const code = e instanceof Error && "code" in e ? String(e.code) : "";
    return { ok: false, message: code === "ENOENT" ? `${file}: no such file` : `${file}: cannot read (${code || "unknown error"})` };
  }
  if (size > MAX_RUNBOOK_BYTES) {
    return { ok: false, message: `${file} is ${(size / 1024 / 1024).toFixed(1)} MB; runbooks larger than 5 MB are refused` };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = e instanceof Error && "code" in e ? String(e.code) : "";
    return { ok: false, message: `${file}: cannot read (${code || "unknown error"})` };
  }
  if (bytes.length > MAX_RUNBOOK_BYTES) return { ok: false, message: `${file} is larger than 5 MB; refused` };
  if (bytes.includes(0)) return { ok: false, message: `${file} looks binary (contains NUL bytes); expected a UTF-8 Markdown file` };
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, message: `${file} is not valid UTF-8 text; expected a UTF-8 Markdown file` };
  }
}

function summary(file: string, r: ParsedRunbook): string {
  const byExecutor = new Map<string, number>();
  for (const s of r.steps) byExecutor.set(s.executor, (byExecutor.get(s.executor) ?? 0) + 1);
  const executors = [...byExecutor].map(([k, v]) => `${v} ${k}`).join(", ");
  const destructive = r.steps.filter((s) => s.destructive);
  const lines = [
    `${r.title}  (${file}, ${r.lineCount} lines)`,
    `  sections:  ${r.sections.length}${r.scenarios.length ? `, scenarios: ${r.scenarios.map((s) => s.id.replace(/^scenario-/, "")).join(", ")}` : ""}`,
    `  steps:     ${r.steps.length}${executors ? ` (${executors})` : ""}`,
    `  destructive steps: ${destructive.length}${destructive.length ? ` — ${destructive.map((s) => `${s.id} line ${s.lines[0]}`).join(", ")}` : ""}`,
    `  checks:    ${r.checks.length} (${r.checks.filter((c) => c.checked).length} ticked)`,
    `  blanks:    ${r.blanks.length}`,
    `  tables:    ${r.tables.length}`,
    `  variables: ${r.variables.length ? r.variables.join(", ") : "none"}`,
  ];
  for (const n of r.notices) lines.push(`  notice:  ${n}`);
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  return lines.join("\n");
}

export async function parseCommand(args: string[]): Promise<number> {
  const json = args.includes("--json");
  const files = args.filter((a) => a !== "--json");
  const unknown = files.filter((a) => a.startsWith("-") && a !== "-");
  if (unknown.length > 0 || files.length !== 1) {
    process.stderr.write(`${unknown.length ? `unknown option ${unknown[0]}\n` : ""}${USAGE}\n`);
    return 2;
  }
  const file = files[0] ?? "";
  const read = await readRunbookFile(file);
  if (!read.ok) {
    process.stderr.write(`desk parse: ${read.message}\n`);
    return 2;
  }
  const result = parseRunbook(read.text);
  if (json) {
    const { text: _text, ...rest } = result;
    void _text;
    process.stdout.write(`${JSON.stringify(rest)}\n`);
  } else {
    process.stdout.write(`${summary(file, result)}\n`);
  }
  return 0;
}
