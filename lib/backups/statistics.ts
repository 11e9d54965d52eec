import pg from "pg";
import { parseNamePattern } from "@/lib/executors/psql-pattern";

// What a DBA records before a risky change (seed 001): per table the exact row count, the value
// distribution of enum columns, sizes, indexes, constraints and RLS policies, plus the enum types'
// labels. Counted inside the snapshot pg_dump reads, so the numbers describe exactly the dump.

export interface EnumColumnStats {
  column: string;
  type: string; // schema.name
  values: { value: string | null; count: number }[];
}

export interface TableStats {
  schema: string;
  name: string;
  kind: "table" | "partitioned table" | "view" | "materialized view" | "foreign table";
  rows: number | null;
  totalBytes: number;
  tableBytes: number;
  enumColumns: EnumColumnStats[];
  indexes: { name: string; definition: string }[];
  constraints: { name: string; type: string; definition: string }[];
  policies: string[];
  rowSecurity: boolean;
}

export interface EnumTypeInfo {
  schema: string;
  name: string;
  labels: string[];
}

export interface Statistics {
  collectedAt: string;
  database: string;
  databaseBytes: number;
  tables: TableStats[];
  enumTypes: EnumTypeInfo[];
}

export interface Selection {
  tables: string[];
  excludeTables: string[];
  schemas: string[];
  excludeSchemas: string[];
}

interface Relation {
  oid: number;
  schema: string;
  name: string;
  relkind: string;
  extension: boolean;
}

const KINDS: Record<string, TableStats["kind"]> = { r: "table", p: "partitioned table", v: "view", m: "materialized view", f: "foreign table" };
const SYSTEM_SCHEMA = /^(pg_catalog|information_schema|pg_toast|pg_temp_\d+|pg_toast_temp_\d+)$/;

function matcher(patterns: string[]): (r: { schema: string; name: string }) => boolean {
  const compiled = patterns.map((p) => {
    const np = parseNamePattern(p);
    return { schema: np.schema ? new RegExp(np.schema) : null, name: np.name ? new RegExp(np.name) : null };
  });
  return (r) => compiled.some((c) => (!c.schema || c.schema.test(r.schema)) && (!c.name || c.name.test(r.name)));
}

function schemaMatcher(patterns: string[]): (schema: string) => boolean {
  const compiled = patterns.map((p) => parseNamePattern(p).name).map((re) => (re ? new RegExp(re) : null));
  return (schema) => compiled.some((re) => !re || re.test(schema));
}

/** The relations pg_dump will dump for this selection (following its -t/-T/-n/-N rules). */
export async function resolveRelations(client: pg.ClientBase, sel: Selection): Promise<Relation[]> {
  const { rows } = await client.query<{ oid: number; schema: string; name: string; relkind: string; extension: boolean }>(
    `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind,
            EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e') AS extension
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r','p','v','m','f') AND NOT c.relispartition
      ORDER BY n.nspname, c.relname`,
  );
  const excludedTable = matcher(sel.excludeTables);
  const excludedSchema = schemaMatcher(sel.excludeSchemas);
  if (sel.tables.length > 0) {
    const included = matcher(sel.tables);
    return rows.filter((r) => !SYSTEM_SCHEMA.test(r.schema) && included(r) && !excludedTable(r));
  }
  const inSchema = sel.schemas.length > 0 ? schemaMatcher(sel.schemas) : () => true;
  return rows.filter(
    (r) => !SYSTEM_SCHEMA.test(r.schema) && !r.extension && inSchema(r.schema) && !(sel.excludeSchemas.length > 0 && excludedSchema(r.schema)) && !excludedTable(r),
  );
}

interface Described {
  relation: Relation;
  enumColumns: { column: string; type: string }[];
  stats: Omit<TableStats, "rows" | "enumColumns">;
}

/** Sizes, indexes, constraints, policies and enum columns of the relations (catalog only). */
export async function describeRelations(client: pg.ClientBase, relations: Relation[]): Promise<Described[]> {
  if (relations.length === 0) return [];
  const oids = relations.map((r) => r.oid);
  // One connection, one query at a time (pg queues concurrent queries but warns about it).
  const sizes = await client.query<{ oid: number; total: string; main: string; rls: boolean }>(
    `SELECT c.oid::int AS oid, pg_total_relation_size(c.oid)::text AS total, pg_relation_size(c.oid)::text AS main, c.relrowsecurity AS rls
       FROM pg_class c WHERE c.oid = ANY($1::oid[])`,
    [oids],
    );
  const indexes = await client.query<{ oid: number; name: string; def: string }>(
    `SELECT i.indrelid::int AS oid, ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = ANY($1::oid[]) ORDER BY ic.relname`,
    [oids],
    );
  const constraints = await client.query<{ oid: number; name: string; type: string; def: string }>(
    `SELECT conrelid::int AS oid, conname AS name, contype::text AS type, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE conrelid = ANY($1::oid[]) ORDER BY conname`,
    [oids],
    );
  const policies = await client.query<{ oid: number; name: string }>(`SELECT polrelid::int AS oid, polname AS name FROM pg_policy WHERE polrelid = ANY($1::oid[]) ORDER BY polname`, [oids]);
  const enumCols = await client.query<{ oid: number; column: string; type: string }>(
    `SELECT a.attrelid::int AS oid, a.attname AS column, tn.nspname || '.' || t.typname AS type
       FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid JOIN pg_namespace tn ON tn.oid = t.typnamespace
      WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped AND t.typtype = 'e'
      ORDER BY a.attnum`,
    [oids],
    );
  const TYPES: Record<string, string> = { p: "primary key", u: "unique", f: "foreign key", c: "check", x: "exclusion", t: "trigger" };
  return relations.map((relation) => {
    const size = sizes.rows.find((s) => s.oid === relation.oid);
    return {
      relation,
      enumColumns: enumCols.rows.filter((c) => c.oid === relation.oid).map((c) => ({ column: c.column, type: c.type })),
      stats: {
        schema: relation.schema,
        name: relation.name,
        kind: KINDS[relation.relkind] ?? "table",
        totalBytes: Number(size?.total ?? 0),
        tableBytes: Number(size?.main ?? 0),
        indexes: indexes.rows.filter((i) => i.oid === relation.oid).map((i) => ({ name: i.name, definition: i.def })),
        constraints: constraints.rows.filter((c) => c.oid === relation.oid).map((c) => ({ name: c.name, type: TYPES[c.type] ?? c.type, definition: c.def })),
        policies: policies.rows.filter((p) => p.oid === relation.oid).map((p) => p.name),
        rowSecurity: size?.rls ?? false,
      },
    };
  });
}

/** Exact row count and enum distributions of one table in one scan (GROUPING SETS). */
export async function countTable(client: pg.ClientBase, d: Described): Promise<{ rows: number | null; enumColumns: EnumColumnStats[] }> {
  const kind = d.relation.relkind;
  if (kind === "v" || kind === "f") return { rows: null, enumColumns: [] };
  const table = `${client.escapeIdentifier(d.relation.schema)}.${client.escapeIdentifier(d.relation.name)}`;
  if (d.enumColumns.length === 0) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
    return { rows: Number(rows[0]?.n ?? 0), enumColumns: [] };
  }
  const cols = d.enumColumns.map((c) => client.escapeIdentifier(c.column));
  const select = [...cols.map((c, i) => `GROUPING(${c})::int AS g${i}`), ...cols.map((c, i) => `${c}::text AS v${i}`), "count(*)::text AS n"].join(", ");
  const sets = [...cols.map((c) => `(${c})`), "()"].join(", ");
  const { rows } = await client.query<Record<string, string | number | null>>(`SELECT ${select} FROM ${table} GROUP BY GROUPING SETS (${sets})`);
  const enumColumns: EnumColumnStats[] = d.enumColumns.map((c) => ({ column: c.column, type: c.type, values: [] }));
  let total = 0;
  for (const row of rows) {
    const n = Number(row.n);
    const grouped = cols.findIndex((_c, i) => Number(row[`g${i}`]) === 0);
    if (grouped === -1) total = n;
    else {
      const v = row[`v${grouped}`];
      enumColumns[grouped]?.values.push({ value: v === null || v === undefined ? null : String(v), count: n });
    }
  }
  for (const e of enumColumns) e.values.sort((a, b) => String(a.value).localeCompare(String(b.value)));
  return { rows: total, enumColumns };
}

export async function enumTypes(client: pg.ClientBase, names: string[], schemas: string[] | null): Promise<EnumTypeInfo[]> {
  const { rows } = await client.query<{ schema: string; name: string; labels: string[] }>(
    `SELECT n.nspname AS schema, t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
      WHERE (n.nspname || '.' || t.typname) = ANY($1::text[]) OR n.nspname = ANY($2::text[])
      GROUP BY n.nspname, t.typname ORDER BY 1, 2`,
    [names, schemas ?? []],
  );
  return rows;
}

/** Runs `work` over the items on up to `clients.length` connections at once. */
export async function onClients<T, R>(clients: pg.ClientBase[], items: T[], work: (c: pg.ClientBase, item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    clients.map(async (c) => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(c, items[i] as T);
      }
    }),
  );
  return out;
}

export async function collectStatistics(
  main: pg.ClientBase,
  counters: pg.ClientBase[],
  relations: Relation[],
  options: { database: string; wholeSchemas: string[] | null },
): Promise<Statistics> {
  const described = await describeRelations(main, relations);
  const typeNames = [...new Set(described.flatMap((d) => d.enumColumns.map((c) => c.type)))];
  const catalog = async () => {
    const types = await enumTypes(main, typeNames, options.wholeSchemas);
    const dbSize = await main.query<{ size: string }>("SELECT pg_database_size(current_database())::text AS size");
    return { types, dbSize };
  };
  // Counting runs on the extra connections while `main` reads the catalog (or after, on main).
  const [counted, { types, dbSize }] = counters.length
    ? await Promise.all([onClients(counters, described, countTable), catalog()])
    : [await onClients([main], described, countTable), await catalog()];
  return {
    collectedAt: new Date().toISOString(),
    database: options.database,
    databaseBytes: Number(dbSize.rows[0]?.size ?? 0),
    tables: described.map((d, i) => ({ ...d.stats, rows: counted[i]?.rows ?? null, enumColumns: counted[i]?.enumColumns ?? [] })),
    enumTypes: types,
  };
}
