import type { EnumTypeInfo } from "./statistics";

// enum_types.sql: the enum types the dumped tables use. pg_dump -t dumps tables without the
// types their columns need, so a table-level set carries them (seed 001's enum_types.sql) and the
// restore creates the ones the target lacks.

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function createEnumSql(t: EnumTypeInfo): string {
  return `CREATE TYPE ${ident(t.schema)}.${ident(t.name)} AS ENUM (${t.labels.map(literal).join(", ")})`;
}

export function enumTypesFile(types: EnumTypeInfo[]): string {
  const head = "-- Enum types used by the tables of this backup set (Runbook Desk). Idempotent.\n";
  return (
    head +
    types
      .map((t) => `DO $desk$ BEGIN\n  ${createEnumSql(t)};\nEXCEPTION WHEN duplicate_object THEN NULL;\nEND $desk$;\n`)
      .join("")
  );
}
