import { CommandError, expandVariables, fileNameFrom, splitFlags, toolWords, type FlagTable } from "./command-words";

// What a runbook's `pg_dump …` asks for. Connection flags are ignored (the backup runs against
// the run's target, like every other step); -f/redirect only names the file inside the set.

export type DumpFormat = "custom" | "plain" | "tar";

export interface DumpPlan {
  format: DumpFormat;
  fileName: string;
  tables: string[];
  excludeTables: string[];
  schemas: string[];
  excludeSchemas: string[];
  schemaOnly: boolean;
  dataOnly: boolean;
  snapshot: string | null;
  // Flags passed to pg_dump as given (selection, content, output options), without connection,
  // file and format flags.
  args: string[];
  ignored: string[];
}

const PG_DUMP: FlagTable = {
  short: {
    f: "file", F: "format", j: "jobs", n: "schema", N: "exclude-schema", t: "table", T: "exclude-table",
    Z: "compress", E: "encoding", d: "dbname", h: "host", p: "port", U: "username", S: "superuser",
    e: "extension", a: "data-only", b: "blobs", B: "no-blobs", c: "clean", C: "create", O: "no-owner",
    s: "schema-only", x: "no-privileges", v: "verbose", w: "no-password", W: "password",
  },
  withValue: new Set([
    "file", "format", "jobs", "schema", "exclude-schema", "table", "exclude-table", "exclude-table-data",
    "compress", "encoding", "dbname", "host", "port", "username", "role", "superuser", "extension",
    "lock-wait-timeout", "section", "snapshot", "rows-per-insert", "extra-float-digits",
    "table-and-children", "exclude-table-and-children", "exclude-table-data-and-children", "include-foreign-data",
  ]),
  noValue: new Set([
    "data-only", "blobs", "no-blobs", "large-objects", "no-large-objects", "clean", "create", "no-owner", "schema-only", "no-privileges", "no-acl",
    "verbose", "no-password", "password", "if-exists", "inserts", "column-inserts", "disable-dollar-quoting",
    "disable-triggers", "enable-row-security", "no-comments", "no-publications", "no-security-labels",
    "no-subscriptions", "no-sync", "no-synchronized-snapshots", "no-table-access-method", "no-tablespaces",
    "no-toast-compression", "no-unlogged-table-data", "on-conflict-do-nothing", "quote-all-identifiers",
    "serializable-deferrable", "strict-names", "use-set-session-authorization", "load-via-partition-root",
  ]),
};

const CONNECTION = new Set(["dbname", "host", "port", "username", "no-password", "password"]);

function formatOf(value: string): DumpFormat | "directory" {
  const v = value.toLowerCase();
  if (v === "c" || v === "custom") return "custom";
  if (v === "p" || v === "plain") return "plain";
  if (v === "t" || v === "tar") return "tar";
  if (v === "d" || v === "directory") return "directory";
  throw new CommandError(`unknown pg_dump format "${value}" (custom, plain or tar)`);
}

const EXTENSION: Record<DumpFormat, string> = { custom: "dump", plain: "sql", tar: "tar" };

export function parseDumpCommand(command: string, variables: Record<string, string>, stamp: string): DumpPlan {
  const { args, redirectTarget } = toolWords(command, "pg_dump");
  const { flags, positional } = splitFlags(args, PG_DUMP);
  const plan: DumpPlan = {
    format: "custom",
    fileName: "",
    tables: [],
    excludeTables: [],
    schemas: [],
    excludeSchemas: [],
    schemaOnly: false,
    dataOnly: false,
    snapshot: null,
    args: [],
    ignored: [],
  };
  let target = redirectTarget;
  for (const f of flags) {
    // Connection flags are dropped unexpanded: $DB_HOST need not be set for the run's target to be used.
    if (CONNECTION.has(f.name)) {
      plan.ignored.push(f.raw[0] ?? f.name);
      continue;
    }
    const value = f.value === null ? null : expandVariables(f.value, variables);
    switch (f.name) {
      case "file":
        target = f.value;
        continue;
      case "format": {
        const format = formatOf(value ?? "");
        if (format === "directory") {
          throw new CommandError("the directory format (-Fd) writes many files and cannot be streamed; use the custom format (-Fc, the default)");
        }
        plan.format = format;
        continue;
      }
      case "jobs":
        throw new CommandError("-j/--jobs needs the directory format, which cannot be streamed; drop -j (the custom format is the default)");
      case "table":
      case "table-and-children":
        plan.tables.push(value ?? "");
        break;
      case "exclude-table":
      case "exclude-table-and-children":
        plan.excludeTables.push(value ?? "");
        break;
      case "schema":
        plan.schemas.push(value ?? "");
        break;
      case "exclude-schema":
        plan.excludeSchemas.push(value ?? "");
        break;
      case "schema-only":
        plan.schemaOnly = true;
        break;
      case "data-only":
        plan.dataOnly = true;
        break;
      case "snapshot":
        plan.snapshot = value;
        break;
    }
    plan.args.push(value === null ? `--${f.name}` : `--${f.name}=${value}`);
  }
  // A positional argument is the database (name or URL): the run's target is used instead.
  for (const p of positional) plan.ignored.push(p.includes("://") ? "<connection URL>" : p);
  const fromTarget = target ? fileNameFrom(target, variables, stamp) : "";
  const single = plan.tables.length === 1 ? (plan.tables[0] ?? "").replace(/.*\./, "").replace(/[^A-Za-z0-9_-]+/g, "_") : "";
  plan.fileName = fromTarget || `${single || "database"}.${EXTENSION[plan.format]}`;
  return plan;
}
