import pg from "pg";
import { countTable, onClients, type Statistics, type TableStats } from "./statistics";

// Proof after a restore (seed 001: "row counts match → FK constraints valid"): per table the row
// count and enum distributions against the backup's statistics, every foreign key touching a
// restored table without orphans (catalog-driven), enum labels, indexes and constraints present.

export interface RestoreCheck {
  check: "rows" | "enum values" | "enum labels" | "foreign key" | "index" | "constraint" | "table";
  object: string;
  expected: string;
  actual: string;
  ok: boolean;
}

interface TargetTable {
  stats: TableStats;
  oid: number | null;
}

async function withClients<T>(url: string, n: number, work: (clients: pg.Client[]) => Promise<T>): Promise<T> {
  const clients = await Promise.all(
    Array.from({ length: n }, async () => {
      const c = new pg.Client({ connectionString: url, application_name: "runbook-desk-restore" });
      await c.connect();
      return c;
    }),
  );
  try {
    return await work(clients);
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}

async function locate(client: pg.ClientBase, tables: TableStats[]): Promise<TargetTable[]> {
  const names = tables.map((t) => `${client.escapeIdentifier(t.schema)}.${client.escapeIdentifier(t.name)}`);
  const { rows } = await client.query<{ oid: number | null }>("SELECT to_regclass(n)::oid::int AS oid FROM unnest($1::text[]) WITH ORDINALITY AS u(n, i) ORDER BY i", [names]);
  return tables.map((stats, i) => ({ stats, oid: rows[i]?.oid ?? null }));
}

/** Row counts (and enum distributions) of those tables on the target now; null for missing tables. */
export async function countOnTarget(url: string, tables: TableStats[]): Promise<{ table: string; rows: number | null }[]> {
  return withClients(url, Math.min(3, Math.max(1, tables.length)), async (clients) => {
    const found = await locate(clients[0] as pg.Client, tables);
    return onClients(clients, found, async (c, t) => {
      const table = `${t.stats.schema}.${t.stats.name}`;
      if (t.oid === null || t.stats.rows === null) return { table, rows: null };
      const r = await countTable(c, { relation: { oid: t.oid, schema: t.stats.schema, name: t.stats.name, relkind: "r", extension: false }, enumColumns: [], stats: t.stats });
      return { table, rows: r.rows };
    });
  });
}

const distribution = (values: { value: string | null; count: number }[]) =>
  values.map((v) => `${v.value ?? "NULL"}=${v.count}`).sort().join(" ");

export async function verifyRestore(url: string, stats: Statistics, tables: TableStats[], scope: { data: boolean; schema: boolean }): Promise<RestoreCheck[]> {
  return withClients(url, Math.min(4, Math.max(2, tables.length + 1)), async (clients) => {
    // `main` reads the catalog; the others count and look for orphans (one query per connection at a time).
    const main = clients[0] as pg.Client;
    const workers = clients.slice(1);
    const checks: RestoreCheck[] = [];
    const found = await locate(main, tables);
    for (const t of found) if (t.oid === null) checks.push({ check: "table", object: `${t.stats.schema}.${t.stats.name}`, expected: "present", actual: "missing", ok: false });
    const present = found.filter((t): t is TargetTable & { oid: number } => t.oid !== null);
    const oids = present.map((t) => t.oid);

    type Task = (c: pg.ClientBase) => Promise<RestoreCheck[]>;
    const countTasks: Task[] = (scope.data ? present.filter((t) => t.stats.rows !== null) : []).map((t) => async (c) => {
          const enumColumns = t.stats.enumColumns.map((e) => ({ column: e.column, type: e.type }));
          const counted = await countTable(c, { relation: { oid: t.oid, schema: t.stats.schema, name: t.stats.name, relkind: "r", extension: false }, enumColumns, stats: t.stats });
          const object = `${t.stats.schema}.${t.stats.name}`;
          const out: RestoreCheck[] = [{ check: "rows", object, expected: String(t.stats.rows), actual: String(counted.rows), ok: counted.rows === t.stats.rows }];
          for (const e of t.stats.enumColumns) {
            const got = counted.enumColumns.find((c2) => c2.column === e.column);
            const expected = distribution(e.values);
            const actual = got ? distribution(got.values) : "column missing";
            out.push({ check: "enum values", object: `${object}.${e.column}`, expected, actual, ok: expected === actual });
          }
          return out;
        });

    const fks = await main.query<{ name: string; child: string; parent: string; pairs: { c: string; p: string }[] }>(
      `SELECT con.conname AS name,
              format('%I.%I', cn.nspname, cc.relname) AS child,
              format('%I.%I', pn.nspname, pc.relname) AS parent,
              (SELECT json_agg(json_build_object('c', ca.attname, 'p', pa.attname) ORDER BY k.i)
                 FROM unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(ck, pk, i)
                 JOIN pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = k.ck
                 JOIN pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = k.pk) AS pairs
         FROM pg_constraint con
         JOIN pg_class cc ON cc.oid = con.conrelid JOIN pg_namespace cn ON cn.oid = cc.relnamespace
         JOIN pg_class pc ON pc.oid = con.confrelid JOIN pg_namespace pn ON pn.oid = pc.relnamespace
        WHERE con.contype = 'f' AND (con.conrelid = ANY($1::oid[]) OR con.confrelid = ANY($1::oid[]))
        ORDER BY 2, 1`,
      [oids],
    );
    const fkTasks: Task[] = fks.rows.map((fk) => async (c) => {
      const q = (s: string) => c.escapeIdentifier(s);
      const notNull = fk.pairs.map((p) => `ch.${q(p.c)} IS NOT NULL`).join(" AND ");
      const join = fk.pairs.map((p) => `pa.${q(p.p)} = ch.${q(p.c)}`).join(" AND ");
      const { rows } = await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${fk.child} ch WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${fk.parent} pa WHERE ${join})`);
      const n = Number(rows[0]?.n ?? 0);
      return [{ check: "foreign key" as const, object: `${fk.child}.${fk.name} → ${fk.parent}`, expected: "0 orphans", actual: `${n} orphans`, ok: n === 0 }];
    });
    const working = onClients(workers, [...countTasks, ...fkTasks], (c, task) => task(c));

    if (scope.schema) {
      const idx = await main.query<{ oid: number; name: string }>("SELECT i.indrelid::int AS oid, c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = ANY($1::oid[])", [oids]);
      const con = await main.query<{ oid: number; name: string }>("SELECT conrelid::int AS oid, conname AS name FROM pg_constraint WHERE conrelid = ANY($1::oid[])", [oids]);
      for (const t of present) {
        const object = `${t.stats.schema}.${t.stats.name}`;
        const haveIdx = new Set(idx.rows.filter((r) => r.oid === t.oid).map((r) => r.name));
        const haveCon = new Set(con.rows.filter((r) => r.oid === t.oid).map((r) => r.name));
        for (const i of t.stats.indexes) checks.push({ check: "index", object: `${object}: ${i.name}`, expected: "present", actual: haveIdx.has(i.name) ? "present" : "missing", ok: haveIdx.has(i.name) });
        for (const k of t.stats.constraints) checks.push({ check: "constraint", object: `${object}: ${k.name} (${k.type})`, expected: "present", actual: haveCon.has(k.name) ? "present" : "missing", ok: haveCon.has(k.name) });
      }
    }

    const types = stats.enumTypes;
    if (types.length) {
      const { rows } = await main.query<{ name: string; labels: string[] | null }>(
        `SELECT n AS name, (SELECT array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] FROM pg_enum e WHERE e.enumtypid = to_regtype(n)) AS labels
           FROM unnest($1::text[]) AS n`,
        [types.map((t) => `${main.escapeIdentifier(t.schema)}.${main.escapeIdentifier(t.name)}`)],
      );
      types.forEach((t, i) => {
        const got = rows[i]?.labels;
        const expected = t.labels.join(", ");
        const actual = got ? got.join(", ") : "type missing";
        checks.push({ check: "enum labels", object: `${t.schema}.${t.name}`, expected, actual, ok: expected === actual });
      });
    }
    checks.push(...(await working).flat());
    const order: RestoreCheck["check"][] = ["table", "rows", "enum values", "foreign key", "enum labels", "index", "constraint"];
    return checks.sort((a, b) => order.indexOf(a.check) - order.indexOf(b.check));
  });
}
