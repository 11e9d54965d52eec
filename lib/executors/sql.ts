import type pg from "pg";
import { maskSecrets, secretsFor } from "./mask-secrets";
import { info, maskedEmitter, TailBuffer } from "./output";
import { renderTable } from "./psql";
import { describeRelations } from "./psql-describe";
import { planMeta, type MetaPlan } from "./psql-meta";
import { cancelBackend, connect, connectionErrorMessage, errorMessage, runStatement } from "./sql-connection";
import { splitSql } from "./sql-split";
import { codeOf, firstLine, isCopyStdio, isNonTransactional, txControl } from "./sql-statements";
import { STDOUT_TAIL_BYTES, type ExecContext, type ExecResult, type ExecStatus, type SqlResult } from "./types";

export interface SqlOptions {
  // Run all statements as one transaction (psql -1, or several statements in one psql -c).
  singleTransaction?: boolean;
}

type Item =
  | { kind: "statement"; text: string; line: number }
  | { kind: "meta"; text: string; line: number; plan: MetaPlan };

/** A failure of our own making (not a server error), reported as is. */
class StepError extends Error {}

const HARD_STOP_MS = 5000;

function refusals(items: Item[]): string[] {
  return items.flatMap((item) => {
    if (item.kind === "meta" && item.plan.kind === "unsupported") return [`line ${item.line}: ${item.plan.message}`];
    if (item.kind === "statement" && isCopyStdio(item.text))
      return [`line ${item.line}: COPY … FROM STDIN / TO STDOUT needs psql's data channel; run it as a shell step`];
    return [];
  });
}

function serverError(error: unknown, item: Item | null): string {
  const e = error as { code?: string; message?: string; detail?: string; hint?: string; position?: string };
  if (typeof e?.code !== "string" || !/^[0-9A-Z]{5}$/.test(e.code)) return errorMessage(error);
  let line = item?.line ?? null;
  if (item && e.position) {
    const code = codeOf(item.text);
    const before = item.text.slice(item.text.length - code.length, item.text.length - code.length + Number(e.position) - 1);
    line = item.line + (before.match(/\n/g)?.length ?? 0);
  }
  const parts = [`ERROR:  ${e.message ?? ""}`];
  if (e.detail) parts.push(`DETAIL:  ${e.detail}`);
  if (e.hint) parts.push(`HINT:  ${e.hint}`);
  if (e.code === "25006") parts.push("(this step runs read-only: it is a verification query)");
  return `${line !== null ? `line ${line}: ` : ""}${parts.join("\n")}`;
}

export async function runSql(sql: string, ctx: ExecContext, options: SqlOptions = {}): Promise<ExecResult> {
  const secrets = secretsFor(ctx.secrets, ctx.targetUrl);
  const emit = maskedEmitter(ctx, secrets);
  const tail = new TailBuffer(STDOUT_TAIL_BYTES);
  const results: SqlResult[] = [];
  const finish = (status: ExecStatus, error: string | null): ExecResult => ({
    status,
    exitCode: status === "succeeded" ? 0 : status === "failed" ? 1 : null,
    error: error === null ? null : maskSecrets(error, secrets),
    results,
    httpStatus: null,
    stdoutTail: maskSecrets(tail.text, secrets),
    produced: {},
  });

  if (ctx.signal.aborted) return finish("cancelled", "cancelled before it started");
  const url = ctx.targetUrl;
  if (!url) return finish("failed", "no target database: a SQL step needs the target's connection URL");

  const items: Item[] = splitSql(sql).map((i) => (i.kind === "meta" ? { ...i, plan: planMeta(i.text) } : i));
  const refused = refusals(items);
  if (refused.length > 0) return finish("failed", `nothing was run:\n${refused.join("\n")}`);
  const statements = items.filter((i) => i.kind === "statement");
  if (items.length === 0) {
    emit(info("no SQL statements to run"));
    return finish("succeeded", null);
  }
  const rehearsal = ctx.mode === "rehearsal";
  const ownTx = statements.some((s) => txControl(s.text) !== null);
  const wrapped = ctx.readOnly || rehearsal || (!!options.singleTransaction && !ownTx && statements.length > 1);

  let stop: "timeout" | "cancel" | null = null;
  let client: pg.Client | null = null;
  let pid: number | null = null;
  let busy = false;
  let hardStop: NodeJS.Timeout | undefined;
  let onStop: () => void = () => undefined;
  const stopped = new Promise<never>((_, reject) => {
    onStop = () => reject(new StepError("stopped"));
  });
  stopped.catch(() => undefined);
  const interrupt = (why: "timeout" | "cancel") => {
    if (stop) return;
    stop = why;
    onStop();
    if (client && pid !== null && busy) {
      void cancelBackend(url, pid).catch(() => undefined);
      // If the server does not answer the cancel, drop the connection: it then rolls back.
      hardStop = setTimeout(() => void client?.end().catch(() => undefined), HARD_STOP_MS);
    }
  };
  const deadline = Number.isFinite(ctx.timeoutMs) && ctx.timeoutMs > 0 ? setTimeout(() => interrupt("timeout"), ctx.timeoutMs) : undefined;
  const onAbort = () => interrupt("cancel");
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  const stoppedResult = () =>
    stop === "timeout"
      ? finish("timed_out", `timed out after ${ctx.timeoutMs} ms; the running statement was cancelled${wrapped || ownTx ? " and its transaction rolled back" : ""}`)
      : finish("cancelled", `cancelled; the running statement was stopped${wrapped || ownTx ? " and its transaction rolled back" : ""}`);

  let current: Item | null = null;
  const query = async (text: string, params?: string[]) => {
    const c = client;
    if (!c) throw new StepError("not connected");
    busy = true;
    try {
      return await runStatement(c, text, params);
    } finally {
      busy = false;
    }
  };
  const rollbackIfOpen = async () => {
    if (client && client.getTransactionStatus() !== "I") {
      await client.query("ROLLBACK").catch(() => undefined);
      return true;
    }
    return false;
  };

  try {
    const connecting = connect(url, ctx.timeoutMs);
    try {
      client = await Promise.race([connecting, stopped]);
    } catch (error) {
      void connecting.then((c) => c.end()).catch(() => undefined);
      if (stop) return stoppedResult();
      return finish("failed", connectionErrorMessage(error, url));
    }
    client.on("notice", (n) => emit({ stream: "stderr", text: `${n.severity ?? "NOTICE"}:  ${n.message}\n` }));
    pid = Number((await client.query("SELECT pg_catalog.pg_backend_pid() AS pid")).rows[0]?.pid);

    if (wrapped) {
      await query("BEGIN");
      if (ctx.readOnly) {
        await query("SET TRANSACTION READ ONLY");
        // Takes the transaction's snapshot: from here on SET TRANSACTION READ WRITE is refused.
        await query("SELECT 1");
      }
    }
    if (rehearsal)
      emit(info("rehearsal: everything runs in one transaction that is rolled back at the end (locks are held meanwhile; sequence increments are not undone)"));

    let depth = 0; // the block's own BEGINs, turned into savepoints while we hold the transaction
    for (const item of items) {
      if (stop) break;
      current = item;
      if (item.kind === "meta") {
        if ((await runMeta(item.plan)) === "quit") break;
        continue;
      }
      let text = item.text;
      const control = txControl(text);
      if (wrapped && control) {
        if (control === "prepared") throw new StepError(`line ${item.line}: two-phase commit statements cannot run ${rehearsal ? "in a rehearsal" : "here"}`);
        if (control === "begin") text = `SAVEPOINT rbd_block_${++depth}`;
        else if (depth === 0) {
          emit(info(`line ${item.line}: ${firstLine(item.text)} — skipped (no block transaction is open)`));
          continue;
        } else if (control === "commit") text = `RELEASE SAVEPOINT rbd_block_${depth--}`;
        else {
          text = `ROLLBACK TO SAVEPOINT rbd_block_${depth}; RELEASE SAVEPOINT rbd_block_${depth--}`;
        }
        emit(info(`line ${item.line}: ${firstLine(item.text)} → ${text} (inside the ${rehearsal ? "rehearsal" : ctx.readOnly ? "read-only" : "step"} transaction)`));
      }
      if (rehearsal && isNonTransactional(text)) {
        emit(info(`line ${item.line}: ${firstLine(item.text)} — not rehearsed: PostgreSQL cannot run it inside a transaction`));
        continue;
      }
      if (statements.length > 1 && !control) emit(info(`▶ line ${item.line}: ${firstLine(item.text)}`));
      const started = Date.now();
      const outcome = await query(text);
      if (control) continue;
      const result: SqlResult = {
        statement: maskSecrets(item.text, secrets),
        line: item.line,
        command: outcome.command,
        rowCount: outcome.rowCount,
        columns: outcome.columns,
        rows: outcome.rows,
        truncated: outcome.truncated,
        durationMs: Date.now() - started,
      };
      results.push(result);
      report(result, firstLine(item.text));
    }
    current = null;
    if (stop) {
      await rollbackIfOpen();
      return stoppedResult();
    }
    if (wrapped) {
      await query(rehearsal ? "ROLLBACK" : "COMMIT");
      if (rehearsal) emit(info(rehearsalSummary(results)));
    } else if (await rollbackIfOpen()) {
      return finish("failed", "the block left its transaction open; it was rolled back (end it with COMMIT to keep the changes)");
    }
    return finish("succeeded", null);
  } catch (error) {
    if (stop) {
      await rollbackIfOpen();
      return stoppedResult();
    }
    const rolledBack = await rollbackIfOpen();
    const code = (error as { code?: unknown }).code;
    const message = error instanceof StepError ? error.message : serverError(error, current);
    if (code === "57014" && /statement timeout/i.test(errorMessage(error))) {
      return finish("timed_out", `timed out: statement exceeded ${ctx.timeoutMs} ms (${message})`);
    }
    return finish("failed", rolledBack ? `${message}\n(the open transaction was rolled back)` : message);
  } finally {
    clearTimeout(deadline);
    clearTimeout(hardStop);
    ctx.signal.removeEventListener("abort", onAbort);
    await client?.end().catch(() => undefined);
  }

  function report(result: SqlResult, label: string) {
    if (result.columns.length > 0) {
      const rowCount = result.rowCount ?? result.rows.length;
      emit({ stream: "table", columns: result.columns, rows: result.rows, rowCount, truncated: result.truncated, command: label });
      tail.append(renderTable(result.columns, result.rows, { rowCount }));
      if (result.truncated) emit(info(`showing the first ${result.rows.length} of ${rowCount} rows`));
      return;
    }
    const tag = `${result.command}${result.rowCount !== null ? ` ${result.rowCount}` : ""}`;
    tail.append(`${tag}\n`);
    emit(info(rehearsal && result.rowCount !== null ? `${tag} — would change ${result.rowCount} row${result.rowCount === 1 ? "" : "s"}` : tag));
  }

  async function runMeta(plan: MetaPlan): Promise<"quit" | void> {
    const started = Date.now();
    const push = (columns: string[], rows: string[][], rowCount: number, truncated: boolean) =>
      results.push({ statement: plan.command, line: current?.line ?? 1, command: plan.command, rowCount, columns, rows, truncated, durationMs: Date.now() - started });
    switch (plan.kind) {
      case "ack":
        emit(info(plan.message));
        return;
      case "echo":
        emit({ stream: "stdout", text: `${plan.text}\n` });
        tail.append(`${plan.text}\n`);
        return;
      case "quit":
        emit(info(`${plan.command}: stopping here, as psql would`));
        return "quit";
      case "unsupported":
        throw new StepError(plan.message);
      case "list": {
        const outcome = await query(plan.sql, plan.params);
        push(outcome.columns, outcome.rows, outcome.rowCount ?? outcome.rows.length, outcome.truncated);
        if (outcome.rows.length === 0) emit(info(plan.emptyMessage));
        else emit({ stream: "table", columns: outcome.columns, rows: outcome.rows, rowCount: outcome.rowCount ?? outcome.rows.length, truncated: outcome.truncated, command: plan.command });
        tail.append(outcome.rows.length === 0 ? `${plan.emptyMessage}\n` : renderTable(outcome.columns, outcome.rows));
        return;
      }
      case "describe": {
        const found = await describeRelations(plan, (sql, params) => query(sql, params));
        if (found.length === 0) throw new StepError(`line ${current?.line ?? 1}: Did not find any relation named "${plan.pattern}".`);
        for (const rel of found) {
          push(rel.columns, rel.rows, rel.rows.length, false);
          emit({ stream: "table", columns: rel.columns, rows: rel.rows, rowCount: rel.rows.length, truncated: false, command: rel.title });
          if (rel.footer.length > 0) emit(info(rel.footer.join("\n")));
          tail.append(`${rel.title}\n${renderTable(rel.columns, rel.rows)}${rel.footer.map((l) => `${l}\n`).join("")}`);
        }
        return;
      }
    }
  }
}

function rehearsalSummary(results: SqlResult[]): string {
  const changes = results.filter((r) => r.columns.length === 0 && r.rowCount !== null && /^(INSERT|UPDATE|DELETE|MERGE)/.test(r.command));
  const total = changes.reduce((sum, r) => sum + (r.rowCount ?? 0), 0);
  const ddl = results.filter((r) => r.columns.length === 0 && r.rowCount === null).length;
  return `rehearsal rolled back: nothing was changed. It would have changed ${total} row${total === 1 ? "" : "s"} in ${changes.length} statement${changes.length === 1 ? "" : "s"}${ddl ? ` and run ${ddl} schema/other statement${ddl === 1 ? "" : "s"}` : ""}.`;
}
