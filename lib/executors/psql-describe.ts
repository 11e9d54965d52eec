// \d NAME: psql's "describe relation" — the columns as a table, then indexes, constraints,
// references, policies and triggers as footer lines, from the catalogs.
import type { MetaPlan } from "./psql-meta";

export type CatalogQuery = (sql: string, params: string[]) => Promise<{ columns: string[]; rows: string[][] }>;

export interface DescribedRelation {
  title: string;
  columns: string[];
  rows: string[][];
  footer: string[];
}

const COLUMNS = (verbose: boolean) => `SELECT a.attname AS "Column",
  pg_catalog.format_type(a.atttypid, a.atttypmod) AS "Type",
  (SELECT co.collname FROM pg_catalog.pg_collation co, pg_catalog.pg_type t
    WHERE co.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS "Collation",
  CASE WHEN a.attnotnull THEN 'not null' ELSE '' END AS "Nullable",
  pg_catalog.pg_get_expr(d.adbin, d.adrelid, true) AS "Default"${
    verbose
      ? `,
  CASE a.attstorage WHEN 'p' THEN 'plain' WHEN 'm' THEN 'main' WHEN 'x' THEN 'extended' WHEN 'e' THEN 'external' END AS "Storage",
  pg_catalog.col_description(a.attrelid, a.attnum) AS "Description"`
      : ""
  }
FROM pg_catalog.pg_attribute a
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`;

// One row per footer line: (section, sort key, text). Sections appear in psql's order.
const FOOTER = `
SELECT 1 AS s, 'Indexes:' AS h, c2.relname AS k, '    "' || c2.relname || '"' ||
  CASE WHEN i.indisprimary THEN ' PRIMARY KEY,' WHEN i.indisunique THEN ' UNIQUE,' ELSE '' END || ' ' ||
  regexp_replace(pg_catalog.pg_get_indexdef(i.indexrelid, 0, true), '^.* USING ', '') AS line
FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c2 ON c2.oid = i.indexrelid WHERE i.indrelid = $1::oid
UNION ALL
SELECT 2, 'Check constraints:', conname, '    "' || conname || '" ' || pg_catalog.pg_get_constraintdef(oid, true)
FROM pg_catalog.pg_constraint WHERE conrelid = $1::oid AND contype = 'c'
UNION ALL
SELECT 3, 'Foreign-key constraints:', conname, '    "' || conname || '" ' || pg_catalog.pg_get_constraintdef(oid, true)
FROM pg_catalog.pg_constraint WHERE conrelid = $1::oid AND contype = 'f'
UNION ALL
SELECT 4, 'Referenced by:', conname, '    TABLE "' || conrelid::pg_catalog.regclass::text || '" CONSTRAINT "' || conname || '" ' ||
  pg_catalog.pg_get_constraintdef(oid, true)
FROM pg_catalog.pg_constraint WHERE confrelid = $1::oid AND contype = 'f'
UNION ALL
SELECT 5, CASE WHEN c.relrowsecurity THEN 'Policies:' ELSE 'Policies (row security disabled):' END, p.polname,
  '    POLICY "' || p.polname || '"' ||
  CASE p.polcmd WHEN 'r' THEN ' FOR SELECT' WHEN 'a' THEN ' FOR INSERT' WHEN 'w' THEN ' FOR UPDATE' WHEN 'd' THEN ' FOR DELETE' ELSE '' END ||
  COALESCE(' USING (' || pg_catalog.pg_get_expr(p.polqual, p.polrelid) || ')', '') ||
  COALESCE(' WITH CHECK (' || pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) || ')', '')
FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid WHERE p.polrelid = $1::oid
UNION ALL
SELECT 6, 'Row security:', '', '    enabled' || CASE WHEN relforcerowsecurity THEN ', forced' ELSE '' END
FROM pg_catalog.pg_class WHERE oid = $1::oid AND relrowsecurity
UNION ALL
SELECT 7, 'Triggers:', tgname, '    ' || pg_catalog.pg_get_triggerdef(oid, true)
FROM pg_catalog.pg_trigger WHERE tgrelid = $1::oid AND NOT tgisinternal
ORDER BY 1, 3`;

/** Returns one description per matching relation; none when the pattern matches nothing. */
export async function describeRelations(
  plan: Extract<MetaPlan, { kind: "describe" }>,
  query: CatalogQuery,
): Promise<DescribedRelation[]> {
  const found = await query(plan.sql, plan.params);
  const out: DescribedRelation[] = [];
  for (const [oid = "", schema = "", name = "", kind = "relation"] of found.rows) {
    const columns = await query(COLUMNS(plan.verbose), [oid]);
    const footerRows = await query(FOOTER, [oid]);
    const footer: string[] = [];
    let heading = "";
    for (const [, h = "", , line = ""] of footerRows.rows) {
      if (h !== heading) footer.push(h);
      heading = h;
      footer.push(line);
    }
    const label = kind.charAt(0).toUpperCase() + kind.slice(1);
    out.push({ title: `${label} "${schema}.${name}"`, columns: columns.columns, rows: columns.rows, footer });
  }
  return out;
}
