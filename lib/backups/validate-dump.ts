import fs from "node:fs/promises";
import type { PgTool } from "@/lib/services/pg-tools";
import type { DumpFormat } from "./dump-command";
import { runPgTool, toolEnvironment } from "./pg-process";
import type { TableStats } from "./statistics";

// validation.log: proof that the archive is readable by pg_restore and holds every table (and its
// data) that the statistics describe.

export interface DumpValidation {
  ok: boolean;
  lines: string[];
}

const ENTRY = /^\d+; \d+ \d+ (TABLE DATA|TABLE|MATERIALIZED VIEW DATA|MATERIALIZED VIEW|VIEW|FOREIGN TABLE) (\S+) (\S+) /;

export async function validateDump(options: {
  file: string;
  format: DumpFormat;
  pgRestore: PgTool | null;
  // May still be being counted: the archive is listed meanwhile.
  tables: Promise<TableStats[]>;
  schemaOnly: boolean;
  dataOnly: boolean;
  signal: AbortSignal;
}): Promise<DumpValidation> {
  const lines: string[] = [];
  const log = (text: string) => lines.push(`${new Date().toISOString()} ${text}`);
  if (options.format === "plain") {
    const handle = await fs.open(options.file, "r");
    try {
      const { size } = await handle.stat();
      const tail = Buffer.alloc(Math.min(size, 4096));
      await handle.read(tail, 0, tail.length, Math.max(0, size - tail.length));
      const complete = tail.toString("utf8").includes("-- PostgreSQL database dump complete");
      log(complete ? "plain SQL dump ends with pg_dump's completion marker" : "plain SQL dump has no completion marker: it is incomplete");
      return { ok: complete, lines };
    } finally {
      await handle.close();
    }
  }
  if (!options.pgRestore) {
    log("pg_restore not found: the archive could not be listed");
    return { ok: false, lines };
  }
  const listed = await runPgTool(options.pgRestore.path, ["--list", options.file], { env: toolEnvironment(), signal: options.signal, timeoutMs: 60_000 });
  if (!listed.ok) {
    log(`pg_restore ${options.pgRestore.version} --list failed: ${listed.stderr || `exit ${listed.code}`}`);
    return { ok: false, lines };
  }
  const entries = new Set<string>();
  let count = 0;
  for (const line of listed.stdout.split("\n")) {
    const m = ENTRY.exec(line);
    if (line && !line.startsWith(";")) count++;
    if (m) entries.add(`${m[1]} ${m[2]}.${m[3]}`);
  }
  log(`pg_restore ${options.pgRestore.version} --list: ok, ${count} entries`);
  let ok = true;
  for (const t of await options.tables) {
    const qualified = `${t.schema}.${t.name}`;
    const kind = t.kind === "materialized view" ? "MATERIALIZED VIEW" : t.kind === "view" ? "VIEW" : t.kind === "foreign table" ? "FOREIGN TABLE" : "TABLE";
    if (!options.dataOnly) {
      const has = entries.has(`${kind} ${qualified}`);
      ok &&= has;
      log(`${kind} ${qualified}: ${has ? "present" : "MISSING"}`);
    }
    if (!options.schemaOnly && t.kind === "table") {
      const has = entries.has(`TABLE DATA ${qualified}`);
      ok &&= has;
      log(`TABLE DATA ${qualified}: ${has ? `present (${t.rows ?? "?"} rows counted in the dump's snapshot)` : "MISSING"}`);
    }
  }
  log(ok ? "result: valid" : "result: INVALID");
  return { ok, lines };
}
