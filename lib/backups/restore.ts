import path from "node:path";
import pg from "pg";
import { info } from "@/lib/executors/output";
import type { ExecContext, ExecResult, ExecStatus } from "@/lib/executors/types";
import { stepReport } from "./step-report";
import { findPgTools, type PgTool } from "@/lib/services/pg-tools";
import { CommandError } from "./command-words";
import { createEnumSql } from "./enum-sql";
import { locateSet } from "./locate-set";
import { readStatistics, RESTORE_VERIFICATION, SetError, writeJsonAtomic } from "./manifest";
import { pgEnvironment, startPgTool } from "./pg-process";
import { parseRestoreCommand, type RestorePlan } from "./restore-command";
import type { EnumTypeInfo, TableStats } from "./statistics";
import { defaultStorage, type Storage } from "./storage";
import { installedTools, pickTool } from "./tools";
import { countOnTarget, verifyRestore } from "./verify-restore";

// The `restore` executor: a verified set (sha256 checked before the target is touched), pre-restore
// counts, pg_restore in one transaction, then proof (verify-restore) as a table of verdicts and
// restore_verification.json in the set.

export interface RestoreDeps {
  storage?: Storage | null;
  pgRestore?: PgTool;
}

function restoredTables(tables: TableStats[], plan: RestorePlan): TableStats[] {
  return tables.filter(
    (t) =>
      (plan.tables.length === 0 || plan.tables.includes(t.name) || plan.tables.includes(`${t.schema}.${t.name}`)) &&
      (plan.schemas.length === 0 || plan.schemas.includes(t.schema)),
  );
}

/** Enum types a table-level set needs that the target lacks, created before pg_restore. */
async function createMissingTypes(url: string, types: EnumTypeInfo[]): Promise<{ created: EnumTypeInfo[]; undo(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url, application_name: "runbook-desk-restore" });
  await client.connect();
  try {
    const { rows } = await client.query<{ missing: boolean }>("SELECT to_regtype(n) IS NULL AS missing FROM unnest($1::text[]) WITH ORDINALITY AS u(n, i) ORDER BY i", [
      types.map((t) => `${client.escapeIdentifier(t.schema)}.${client.escapeIdentifier(t.name)}`),
    ]);
    const created = types.filter((_t, i) => rows[i]?.missing);
    if (created.length) {
      await client.query("BEGIN");
      for (const t of created) {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${client.escapeIdentifier(t.schema)}`);
        await client.query(createEnumSql(t));
      }
      await client.query("COMMIT");
    }
    return {
      created,
      undo: async () => {
        if (!created.length) return;
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        try {
          for (const t of created) await c.query(`DROP TYPE IF EXISTS ${c.escapeIdentifier(t.schema)}.${c.escapeIdentifier(t.name)}`);
        } finally {
          await c.end();
        }
      },
    };
  } finally {
    await client.end();
  }
}

async function serverInfo(url: string): Promise<{ n: number; db: string; v: string }> {
  const probe = new pg.Client({ connectionString: url, application_name: "runbook-desk-restore" });
  await probe.connect();
  try {
    const { rows } = await probe.query<{ n: number; db: string; v: string }>(
      "SELECT current_setting('server_version_num')::int AS n, current_database() AS db, current_setting('server_version') AS v",
    );
    return rows[0] ?? { n: 0, db: "", v: "?" };
  } finally {
    await probe.end();
  }
}

export async function runRestore(command: string, ctx: ExecContext, deps: RestoreDeps = {}): Promise<ExecResult> {
  const { emit, say, finish } = stepReport(ctx);
  if (ctx.signal.aborted) return finish("cancelled", "cancelled before it started");
  if (ctx.mode === "rehearsal") {
    emit(info("rehearsal: a restore is not run, because its effects could not be rolled back"));
    return finish("failed", "not run: a rehearsal only runs SQL (rolled back); this restore would have changed the target for real");
  }
  const targetUrl = ctx.targetUrl;
  if (!targetUrl) return finish("failed", "no target database: a restore step runs pg_restore against the run's target");
  let plan: RestorePlan;
  try {
    plan = parseRestoreCommand(command, ctx.variables);
  } catch (e) {
    if (e instanceof CommandError) return finish("failed", `restore: ${e.message}`);
    throw e;
  }
  if (plan.ignored.length) emit(info(`ignored (the restore runs against the run's target, in one transaction): ${plan.ignored.join(" ")}`));
  const storage = deps.storage === undefined ? defaultStorage() : deps.storage;

  // Read-only work on the target (server version) and the tool lookup run while the set is
  // verified; nothing is written to the target before the sha256 check has passed.
  void installedTools("pg_restore");
  const probing = serverInfo(targetUrl);
  probing.catch(() => undefined);
  try {
    const set = await locateSet(plan.source, ctx.variables, ctx.workspace, storage).catch((e: unknown) => {
      if (e instanceof SetError) throw new SetError(`restore refused, the target was not touched: ${e.message}`);
      throw e;
    });
    const { manifest } = set;
    say(`backup set ${set.origin}: ${manifest.files.length} files, sha256 verified against MANIFEST.json`);
    const [stats, row] = await Promise.all([readStatistics(set.dir, manifest), probing]);
    const tables = restoredTables(stats.tables, plan);
    const serverMajor = Math.floor(row.n / 10000);
    const plain = manifest.dump.format === "plain";
    let tool: PgTool;
    if (deps.pgRestore) tool = deps.pgRestore;
    else if (plain) {
      const psql = (await findPgTools("psql"))[0];
      if (!psql) return finish("failed", "psql is needed to restore a plain SQL dump; none found on PATH or in /usr/lib/postgresql/*/bin");
      tool = psql;
    } else {
      const chosen = await pickTool("pg_restore", Math.max(serverMajor, manifest.target.serverMajor));
      if ("error" in chosen) return finish("failed", chosen.error);
      tool = chosen.tool;
    }
    emit(info(`${path.basename(tool.path)} ${tool.version} (${tool.path}) into ${row.db} on PostgreSQL ${row.v}`));

    const before = await countOnTarget(targetUrl, tables);
    emit(info(`before the restore: ${before.map((b) => `${b.table} ${b.rows === null ? "absent" : `${b.rows} rows`}`).join(", ") || "no tables"}`));

    const tableLevel = manifest.dump.args.some((a) => a.startsWith("--table"));
    const types = tableLevel && !plan.dataOnly ? await createMissingTypes(targetUrl, stats.enumTypes) : { created: [], undo: async () => undefined };
    if (types.created.length) emit(info(`created enum types the tables need: ${types.created.map((t) => `${t.schema}.${t.name}`).join(", ")} (from enum_types.sql)`));

    const dumpPath = path.join(set.dir, set.dump);
    const args = plain
      ? ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-f", dumpPath, "--dbname", row.db]
      : [`--dbname=${row.db}`, "--single-transaction", "--no-password", ...plan.args, dumpPath];
    const started = performance.now();
    const run = startPgTool(tool.path, args, {
      env: pgEnvironment(targetUrl, "runbook-desk-restore"),
      signal: ctx.signal,
      timeoutMs: ctx.timeoutMs,
      onStderr: (text) => emit({ stream: "stderr", text }),
    });
    run.child.stdout.resume();
    const exit = await run.exited;
    if (exit.code !== 0 || exit.stop) {
      await types.undo().catch(() => undefined);
      const status: ExecStatus = exit.stop === "timeout" ? "timed_out" : exit.stop === "cancel" ? "cancelled" : "failed";
      const how = exit.stop ? (exit.stop === "timeout" ? `timed out after ${ctx.timeoutMs} ms` : "was cancelled") : exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
      return finish(status, `${path.basename(tool.path)} ${how}; the restore ran in one transaction, so the target was rolled back: ${run.stderrTail() || "no output"}`);
    }
    const restoreMs = Math.round(performance.now() - started);
    emit(info(`${path.basename(tool.path)} finished in ${(restoreMs / 1000).toFixed(2)} s; verifying`));

    const checks = await verifyRestore(targetUrl, stats, tables, { data: !manifest.dump.schemaOnly && !plan.schemaOnly, schema: !manifest.dump.dataOnly && !plan.dataOnly });
    const failed = checks.filter((c) => !c.ok);
    emit({
      stream: "table",
      command: "restore verification",
      columns: ["check", "object", "expected", "actual", "verdict"],
      rows: checks.map((c) => [c.check, c.object, c.expected, c.actual, c.ok ? "pass" : "FAIL"]),
      rowCount: checks.length,
      truncated: false,
    });
    const report = {
      set: set.origin,
      target: { database: row.db, serverVersion: row.v },
      restoredAt: new Date().toISOString(),
      restoreMs,
      tool: { path: tool.path, version: tool.version },
      args: args.map((a) => (a === dumpPath ? set.dump : a)),
      before,
      checks,
      verdict: failed.length === 0 ? "pass" : "fail",
    };
    const reportPath = path.join(set.dir, RESTORE_VERIFICATION);
    await writeJsonAtomic(reportPath, report);
    const rows = checks.filter((c) => c.check === "rows");
    say(`restored ${rows.length} tables (${rows.map((c) => `${c.object} ${c.actual}`).join(", ")}) in ${(restoreMs / 1000).toFixed(2)} s`);
    say(`verification: ${checks.length - failed.length}/${checks.length} checks passed (${RESTORE_VERIFICATION})`);
    const produced = { RESTORE_VERIFICATION: reportPath };
    if (failed.length) {
      return finish("failed", `restore verification failed: ${failed.slice(0, 5).map((c) => `${c.check} ${c.object}: expected ${c.expected}, got ${c.actual}`).join("; ")}${failed.length > 5 ? ` (+${failed.length - 5} more)` : ""}`, produced);
    }
    return finish("succeeded", null, produced);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return finish("failed", e instanceof SetError ? message : `restore failed: ${message}`);
  }
}
