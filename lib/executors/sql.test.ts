import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MASK } from "./mask-secrets";
import { runSql } from "./sql";
import { sandboxUrl, testContext } from "./test-context";

const T = `exec_test_sql_${process.pid}`;
let admin: pg.Client;

async function count(where = "true"): Promise<number> {
  const r = await admin.query(`SELECT count(*)::int AS n FROM ${T} WHERE ${where}`);
  return Number(r.rows[0]?.n);
}

async function exists(table: string): Promise<boolean> {
  const r = await admin.query("SELECT to_regclass($1) IS NOT NULL AS ok", [table]);
  return r.rows[0]?.ok === true;
}

const ctx = (overrides: Parameters<typeof testContext>[0] = {}) => testContext({ targetUrl: sandboxUrl(), ...overrides });

beforeAll(async () => {
  admin = new pg.Client({ connectionString: sandboxUrl() });
  await admin.connect();
  await admin.query(`DROP TABLE IF EXISTS ${T}; CREATE TABLE ${T} (id int PRIMARY KEY, label text NOT NULL)`);
});

afterAll(async () => {
  await admin.query(`DROP TABLE IF EXISTS ${T}`);
  await admin.end();
});

describe("runSql: splitting and results", () => {
  it("splits on semicolons outside strings, E'' strings, dollar quotes and comments, in order", async () => {
    await admin.query(`TRUNCATE ${T}`);
    const sql = `-- setup; not a statement
INSERT INTO ${T} VALUES (1, 'semi;colon'), (2, E'it\\'s; escaped'); /* block; comment */
DO $body$ BEGIN INSERT INTO ${T} VALUES (3, 'from; do'); END $body$;
SELECT id, label FROM ${T} ORDER BY id;
SELECT $$dollar;quoted$$ AS d`;
    const c = ctx();
    const r = await runSql(sql, c);
    expect(r.error).toBeNull();
    expect(r.status).toBe("succeeded");
    expect(r.exitCode).toBe(0);
    expect(r.results.map((x) => x.command)).toEqual(["INSERT", "DO", "SELECT", "SELECT"]);
    expect(r.results[0]?.rowCount).toBe(2);
    expect(r.results[2]?.rows).toEqual([["1", "semi;colon"], ["2", "it's; escaped"], ["3", "from; do"]]);
    expect(r.results[3]?.rows).toEqual([["dollar;quoted"]]);
    expect(r.results.map((x) => x.line)).toEqual([2, 3, 4, 5]);
    const tables = c.tables();
    expect(tables).toHaveLength(2);
    expect(tables[0]).toMatchObject({ columns: ["id", "label"], rowCount: 3, truncated: false });
    expect(r.stdoutTail).toContain("semi;colon");
  });

  it("keeps the first 500 rows of a large result with the full count, values as psql prints them", async () => {
    const c = ctx();
    const r = await runSql("SELECT g, NULL::text AS n, now() > '2000-01-01'::timestamptz AS b FROM generate_series(1, 1234) g", c);
    expect(r.status).toBe("succeeded");
    const res = r.results[0];
    expect(res?.rows).toHaveLength(500);
    expect(res?.rowCount).toBe(1234);
    expect(res?.truncated).toBe(true);
    expect(res?.rows[0]).toEqual(["1", "", "t"]);
    expect(c.tables()[0]).toMatchObject({ rowCount: 1234, truncated: true });
  });

  it("reports a failing statement with its line and stops there", async () => {
    const c = ctx();
    const r = await runSql(`SELECT 1;\nSELECT * FROM exec_test_missing_table;\nCREATE TABLE ${T}_never (x int);`, c);
    expect(r.status).toBe("failed");
    expect(r.exitCode).toBe(1);
    expect(r.error).toMatch(/line 2: ERROR: {2}relation "exec_test_missing_table" does not exist/);
    expect(await exists(`${T}_never`)).toBe(false);
  });
});

describe("runSql: psql meta-commands", () => {
  it("translates \\dt, \\d, \\di, \\dn, \\du and \\l into catalog queries and acknowledges display settings", async () => {
    const c = ctx();
    const r = await runSql(`\\x\n\\timing on\n\\set ON_ERROR_STOP on\n\\dt ${T}\n\\d ${T}\n\\di ${T}*\n\\dn public\n\\du\n\\l`, c);
    expect(r.error).toBeNull();
    expect(r.status).toBe("succeeded");
    const byCommand = new Map(r.results.map((x) => [x.command.split(" ")[0] ?? "", x]));
    expect(byCommand.get("\\dt")?.rows).toEqual([["public", T, "table", expect.any(String)]]);
    expect(byCommand.get("\\d")?.columns).toEqual(["Column", "Type", "Collation", "Nullable", "Default"]);
    expect(byCommand.get("\\d")?.rows.map((row) => [row[0], row[1], row[3]])).toEqual([
      ["id", "integer", "not null"],
      ["label", "text", "not null"],
    ]);
    expect(byCommand.get("\\di")?.rows.map((row) => row[1])).toEqual([`${T}_pkey`]);
    expect(byCommand.get("\\dn")?.rows.map((row) => row[0])).toEqual(["public"]);
    expect(byCommand.get("\\du")?.rows.length).toBeGreaterThan(0);
    expect(byCommand.get("\\l")?.rows.map((row) => row[0])).toContain("sandbox_test");
    expect(c.text("info")).toContain(`Indexes:\n    "${T}_pkey" PRIMARY KEY, btree (id)`);
    expect(c.text("info")).toMatch(/\\x: display setting acknowledged/);
    expect(c.tables().some((t) => t.command === `Table "public.${T}"`)).toBe(true);
  });

  it("fails \\d of a missing relation like psql, but \\dt of none just says so", async () => {
    const missing = await runSql("\\d exec_test_no_such_rel", ctx());
    expect(missing.status).toBe("failed");
    expect(missing.error).toContain('Did not find any relation named "exec_test_no_such_rel"');
    const c = ctx();
    const none = await runSql("\\dt exec_test_no_such_rel", c);
    expect(none.status).toBe("succeeded");
    expect(c.text("info")).toContain('Did not find any tables named "exec_test_no_such_rel"');
  });

  it("refuses unsupported meta-commands before running anything (never sent raw)", async () => {
    const c = ctx();
    const r = await runSql(`CREATE TABLE ${T}_meta (x int);\n\\! touch /tmp/never\n\\copy x from y`, c);
    expect(r.status).toBe("failed");
    expect(r.error).toMatch(/line 2: unsupported psql meta-command \\! touch/);
    expect(r.error).toMatch(/line 3: unsupported psql meta-command \\copy/);
    expect(await exists(`${T}_meta`)).toBe(false);
  });
});

describe("runSql: transactions", () => {
  it("read-only verification refuses writes, even behind COMMIT or SET TRANSACTION READ WRITE", async () => {
    await admin.query(`TRUNCATE ${T}`);
    for (const sql of [
      `INSERT INTO ${T} VALUES (10, 'ro')`,
      `COMMIT; INSERT INTO ${T} VALUES (10, 'ro')`,
      `SET TRANSACTION READ WRITE; INSERT INTO ${T} VALUES (10, 'ro')`,
      `BEGIN; SET TRANSACTION READ WRITE; INSERT INTO ${T} VALUES (10, 'ro'); COMMIT;`,
    ]) {
      const r = await runSql(sql, ctx({ readOnly: true }));
      expect(r.status, sql).toBe("failed");
      expect(r.error, sql).toMatch(/read-only transaction|read-write mode/);
    }
    expect(await count()).toBe(0);
    const ok = await runSql(`SELECT count(*) FROM ${T}`, ctx({ readOnly: true }));
    expect(ok.status).toBe("succeeded");
    expect(ok.results[0]?.rows).toEqual([["0"]]);
  });

  it("keeps a block's own BEGIN … COMMIT, and rolls it back when a statement inside fails", async () => {
    await admin.query(`TRUNCATE ${T}`);
    const ok = await runSql(`BEGIN;\nINSERT INTO ${T} VALUES (1, 'a');\nINSERT INTO ${T} VALUES (2, 'b');\nCOMMIT;`, ctx());
    expect(ok.status).toBe("succeeded");
    expect(await count()).toBe(2);
    const bad = await runSql(`BEGIN;\nINSERT INTO ${T} VALUES (3, 'c');\nINSERT INTO ${T} VALUES (1, 'dup');\nCOMMIT;`, ctx());
    expect(bad.status).toBe("failed");
    expect(bad.error).toMatch(/line 3: ERROR: {2}duplicate key/);
    expect(bad.error).toContain("rolled back");
    expect(await count("id = 3")).toBe(0);
  });

  it("rolls back a transaction the block leaves open, and says so", async () => {
    await admin.query(`TRUNCATE ${T}`);
    const r = await runSql(`BEGIN; INSERT INTO ${T} VALUES (5, 'open');`, ctx());
    expect(r.status).toBe("failed");
    expect(r.error).toContain("left its transaction open");
    expect(await count()).toBe(0);
  });

  it("singleTransaction (psql -c / -1) makes the statements all-or-nothing", async () => {
    await admin.query(`TRUNCATE ${T}`);
    const r = await runSql(`INSERT INTO ${T} VALUES (1, 'a'); INSERT INTO ${T} VALUES (1, 'dup')`, ctx(), { singleTransaction: true });
    expect(r.status).toBe("failed");
    expect(await count()).toBe(0);
  });

  it("rehearsal runs everything, reports what would change, and leaves no change", async () => {
    await admin.query(`TRUNCATE ${T}; INSERT INTO ${T} VALUES (1, 'a'), (2, 'b'), (3, 'c')`);
    const c = ctx({ mode: "rehearsal" });
    const sql = `UPDATE ${T} SET label = upper(label) WHERE id < 3;
BEGIN;
DELETE FROM ${T};
COMMIT;
CREATE TABLE ${T}_rehearsed (x int);
SELECT count(*) FROM ${T};`;
    const r = await runSql(sql, c);
    expect(r.error).toBeNull();
    expect(r.status).toBe("succeeded");
    expect(r.results.map((x) => [x.command, x.rowCount])).toEqual([
      ["UPDATE", 2],
      ["DELETE", 3],
      ["CREATE", null],
      ["SELECT", 1],
    ]);
    expect(r.results[3]?.rows).toEqual([["0"]]);
    expect(c.text("info")).toContain("UPDATE 2 — would change 2 rows");
    expect(c.text("info")).toMatch(/rehearsal rolled back: nothing was changed\. It would have changed 5 rows/);
    expect(await count()).toBe(3);
    expect(await count("label = lower(label)")).toBe(3);
    expect(await exists(`${T}_rehearsed`)).toBe(false);
  });
});

describe("runSql: time limits, cancel, connection errors, masking", () => {
  it("times out a long statement", async () => {
    const started = Date.now();
    const r = await runSql("SELECT pg_sleep(60)", ctx({ timeoutMs: 1000 }));
    expect(r.status).toBe("timed_out");
    expect(r.exitCode).toBeNull();
    expect(r.error).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("cancels a running pg_sleep on the server", async () => {
    const c = ctx({ timeoutMs: 120_000 });
    const marker = `exec_test_cancel_${process.pid}`;
    const running = runSql(`SELECT pg_sleep(90), '${marker}'`, c);
    // Wait until the statement is really running on the server, then cancel.
    for (let i = 0; i < 200; i++) {
      const r = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE $1 AND state = 'active'", [`%'${marker}'%`]);
      if (Number(r.rows[0]?.n) > 0) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    const started = Date.now();
    c.controller.abort();
    const r = await running;
    expect(r.status).toBe("cancelled");
    expect(Date.now() - started).toBeLessThan(15_000);
    const left = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE $1 AND state = 'active' AND pid <> pg_backend_pid()", [`%'${marker}'%`]);
    expect(Number(left.rows[0]?.n)).toBe(0);
  });

  it("names host:port, never the password, when the target refuses connections", async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer();
      srv.listen(0, "127.0.0.1", () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const r = await runSql("SELECT 1", ctx({ targetUrl: `postgres://deploy:s3cr3t-pw@127.0.0.1:${port}/prod` }));
    expect(r.status).toBe("failed");
    expect(r.error).toBe(`cannot connect to 127.0.0.1:${port}/prod: connection refused (is the server running and accepting TCP connections?)`);
    expect(r.error).not.toContain("s3cr3t-pw");
  });

  it("names the host of an unknown host", async () => {
    const r = await runSql("SELECT 1", ctx({ targetUrl: "postgres://u:pw-777@no-such-host.invalid:6432/app" }));
    expect(r.status).toBe("failed");
    // ENOTFOUND normally; a machine without any resolver may answer EAI_AGAIN (same message).
    expect(r.error).toBe("cannot connect to no-such-host.invalid:6432/app: unknown host");
    expect(r.error).not.toContain("pw-777");
  });

  it("reports a wrong password clearly", async () => {
    const url = new URL(sandboxUrl());
    url.password = "definitely-wrong";
    const r = await runSql("SELECT 1", ctx({ targetUrl: url.toString() }));
    expect(r.status).toBe("failed");
    expect(r.error).toMatch(new RegExp(`cannot connect to 127\\.0\\.0\\.1:${url.port}/sandbox_test: password authentication failed for user "${url.username}"`));
    expect(r.error).not.toContain("definitely-wrong");
  });

  it("masks secrets in table chunks, tails and errors", async () => {
    const c = ctx({ secrets: ["hunter2-token"] });
    const r = await runSql("SELECT 'key=hunter2-token' AS v, 'postgres://u:pw1@h/db' AS url;\nSELECT 1/0 AS hunter2-token", c);
    expect(c.tables()[0]?.rows).toEqual([[`key=${MASK}`, `postgres://u:${MASK}@h/db`]]);
    expect(r.stdoutTail).not.toContain("hunter2-token");
    expect(r.error).toBeTruthy();
    expect(r.error).not.toContain("hunter2-token");
    expect(JSON.stringify(c.chunks)).not.toContain("hunter2-token");
  });
});
