// psql meta-commands, translated into catalog queries or acknowledged as display settings.
// Anything else is refused before the step starts: a backslash command is never sent to the server.
import { parseNamePattern, splitMetaArgs, type NamePattern } from "./psql-pattern";

export type MetaPlan =
  | { kind: "ack"; command: string; message: string }
  | { kind: "echo"; command: string; text: string }
  | { kind: "quit"; command: string }
  | { kind: "list"; command: string; sql: string; params: string[]; emptyMessage: string }
  | { kind: "describe"; command: string; pattern: string; verbose: boolean; sql: string; params: string[] }
  | { kind: "unsupported"; command: string; message: string };

const SYSTEM_SCHEMAS = `n.nspname <> 'pg_catalog' AND n.nspname !~ '^pg_toast' AND n.nspname <> 'information_schema'`;

const RELKIND_LABEL = `CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
  WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table'
  WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END`;

/** WHERE conditions (and their parameters) selecting relations by a psql pattern, like psql does. */
function relationFilter(pattern: NamePattern | null, system: boolean, first: number) {
  const where: string[] = [];
  const params: string[] = [];
  if (pattern?.schema) {
    params.push(pattern.schema);
    where.push(`n.nspname ~ $${first + params.length - 1}`);
  } else {
    where.push("pg_catalog.pg_table_is_visible(c.oid)");
    if (!system) where.push(SYSTEM_SCHEMAS);
  }
  if (pattern?.name) {
    params.push(pattern.name);
    where.push(`c.relname OPERATOR(pg_catalog.~) $${first + params.length - 1} COLLATE pg_catalog.default`);
  }
  return { where, params };
}

function listRelations(command: string, kinds: string[], arg: string | undefined, verbose: boolean, system: boolean, what: string): MetaPlan {
  const pattern = arg ? parseNamePattern(arg) : null;
  const { where, params } = relationFilter(pattern, system, 1);
  const isIndex = kinds.includes("i");
  const sql = `SELECT n.nspname AS "Schema", c.relname AS "Name", ${RELKIND_LABEL} AS "Type",
  pg_catalog.pg_get_userbyid(c.relowner) AS "Owner"${isIndex ? `, c2.relname AS "Table"` : ""}${
    verbose
      ? `, pg_catalog.pg_size_pretty(pg_catalog.pg_table_size(c.oid)) AS "Size",
  pg_catalog.obj_description(c.oid, 'pg_class') AS "Description"`
      : ""
  }
FROM pg_catalog.pg_class c
LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace${
    isIndex
      ? `
LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
LEFT JOIN pg_catalog.pg_class c2 ON i.indrelid = c2.oid`
      : ""
  }
WHERE c.relkind IN (${kinds.map((k) => `'${k}'`).join(", ")}) AND ${where.join(" AND ")}
ORDER BY 1, 2`;
  const emptyMessage = arg ? `Did not find any ${what} named "${arg}".` : `Did not find any ${what}.`;
  return { kind: "list", command, sql, params, emptyMessage };
}

function describe(command: string, arg: string, verbose: boolean, system: boolean): MetaPlan {
  const { where, params } = relationFilter(parseNamePattern(arg), system, 1);
  const sql = `SELECT c.oid::text AS oid, n.nspname, c.relname, ${RELKIND_LABEL} AS kind
FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE ${where.join(" AND ")} ORDER BY 2, 3`;
  return { kind: "describe", command, pattern: arg, verbose, sql, params };
}

function schemas(command: string, arg: string | undefined, verbose: boolean, system: boolean): MetaPlan {
  const where = system ? [] : [`n.nspname !~ '^pg_'`, `n.nspname <> 'information_schema'`];
  const params: string[] = [];
  const name = arg ? parseNamePattern(arg).name : null;
  if (name) {
    params.push(name);
    where.push(`n.nspname ~ $1`);
  }
  const sql = `SELECT n.nspname AS "Name", pg_catalog.pg_get_userbyid(n.nspowner) AS "Owner"${
    verbose ? `, pg_catalog.obj_description(n.oid, 'pg_namespace') AS "Description"` : ""
  }
FROM pg_catalog.pg_namespace n${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY 1`;
  return { kind: "list", command, sql, params, emptyMessage: arg ? `Did not find any schema named "${arg}".` : "Did not find any schemas." };
}

function roles(command: string, arg: string | undefined, system: boolean): MetaPlan {
  const where = system ? [] : [`r.rolname !~ '^pg_'`];
  const params: string[] = [];
  const name = arg ? parseNamePattern(arg).name : null;
  if (name) {
    params.push(name);
    where.push(`r.rolname ~ $1`);
  }
  const sql = `SELECT r.rolname AS "Role name", pg_catalog.concat_ws(', ',
    CASE WHEN r.rolsuper THEN 'Superuser' END, CASE WHEN r.rolinherit THEN NULL ELSE 'No inheritance' END,
    CASE WHEN r.rolcreaterole THEN 'Create role' END, CASE WHEN r.rolcreatedb THEN 'Create DB' END,
    CASE WHEN r.rolcanlogin THEN NULL ELSE 'Cannot login' END, CASE WHEN r.rolreplication THEN 'Replication' END,
    CASE WHEN r.rolbypassrls THEN 'Bypass RLS' END) AS "Attributes"
FROM pg_catalog.pg_roles r${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY 1`;
  return { kind: "list", command, sql, params, emptyMessage: arg ? `Did not find any role named "${arg}".` : "Did not find any roles." };
}

function databases(command: string, arg: string | undefined, verbose: boolean): MetaPlan {
  const params: string[] = [];
  const name = arg ? parseNamePattern(arg).name : null;
  if (name) params.push(name);
  const sql = `SELECT d.datname AS "Name", pg_catalog.pg_get_userbyid(d.datdba) AS "Owner",
  pg_catalog.pg_encoding_to_char(d.encoding) AS "Encoding", d.datcollate AS "Collate", d.datctype AS "Ctype",
  pg_catalog.array_to_string(d.datacl, E'\\n') AS "Access privileges"${
    verbose
      ? `, CASE WHEN pg_catalog.has_database_privilege(d.datname, 'CONNECT')
    THEN pg_catalog.pg_size_pretty(pg_catalog.pg_database_size(d.datname)) ELSE 'No Access' END AS "Size"`
      : ""
  }
FROM pg_catalog.pg_database d${name ? " WHERE d.datname ~ $1" : ""} ORDER BY 1`;
  return { kind: "list", command, sql, params, emptyMessage: "Did not find any databases." };
}

const DISPLAY_SETTINGS = new Set(["x", "timing", "pset", "a", "t", "H", "C", "f", "T"]);

/** Plans one meta-command line (e.g. `\d+ users`). */
export function planMeta(line: string): MetaPlan {
  const command = line.trim();
  const match = /^\\([A-Za-z?!]+)(\+?)(S?)(\+?)(?:\s+([\s\S]*))?$/.exec(command);
  if (!match) return { kind: "unsupported", command, message: `unsupported psql meta-command ${command}` };
  let name = match[1] ?? "";
  let system = match[3] === "S";
  // \dtS / \dS: psql's S (system objects) modifier is written right after the letters.
  if (!system && name.length > 1 && name.endsWith("S") && name.startsWith("d")) {
    name = name.slice(0, -1);
    system = true;
  }
  const verbose = match[2] === "+" || match[4] === "+";
  const rest = (match[5] ?? "").trim();
  const args = splitMetaArgs(rest);
  const arg = args[0];
  switch (name) {
    case "d":
      return arg
        ? describe(command, arg, verbose, system)
        : listRelations(command, ["r", "p", "v", "m", "S", "f"], undefined, verbose, system, "relations");
    case "dt":
      return listRelations(command, ["r", "p"], arg, verbose, system, "tables");
    case "di":
      return listRelations(command, ["i", "I"], arg, verbose, system, "indexes");
    case "dv":
      return listRelations(command, ["v"], arg, verbose, system, "views");
    case "ds":
      return listRelations(command, ["S"], arg, verbose, system, "sequences");
    case "dn":
      return schemas(command, arg, verbose, system);
    case "du":
    case "dg":
      return roles(command, arg, system);
    case "l":
    case "list":
      return databases(command, arg, verbose);
    case "set":
      if (arg === "ON_ERROR_STOP")
        return { kind: "ack", command, message: `${command}: acknowledged (steps always stop at the first error)` };
      return { kind: "unsupported", command, message: `unsupported psql meta-command ${command} (psql variables are not interpolated here)` };
    case "echo":
      return { kind: "echo", command, text: args.map((a) => a.replace(/^'(.*)'$/s, "$1")).join(" ") };
    case "q":
    case "quit":
      return { kind: "quit", command };
    default:
      if (DISPLAY_SETTINGS.has(name)) return { kind: "ack", command, message: `${command}: display setting acknowledged` };
      return { kind: "unsupported", command, message: `unsupported psql meta-command ${command}: only \\d, \\dt, \\di, \\dn, \\du, \\l and display settings can run here` };
  }
}
