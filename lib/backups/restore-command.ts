import { CommandError, expandVariables, splitFlags, toolWords, type FlagTable } from "./command-words";

// What a runbook's `pg_restore …` asks for: the backup set (path, file name, S3 URI or nothing,
// meaning the run's last backup) and the flags worth keeping. The database is always the run's
// target; the restore always runs in one transaction.

export interface RestorePlan {
  source: string | null;
  clean: boolean;
  ifExists: boolean;
  tables: string[];
  schemas: string[];
  schemaOnly: boolean;
  dataOnly: boolean;
  args: string[];
  ignored: string[];
}

const PG_RESTORE: FlagTable = {
  short: {
    d: "dbname", f: "file", F: "format", I: "index", j: "jobs", L: "use-list", n: "schema", N: "exclude-schema",
    P: "function", S: "superuser", t: "table", T: "trigger", h: "host", p: "port", U: "username",
    a: "data-only", c: "clean", C: "create", e: "exit-on-error", l: "list", O: "no-owner", s: "schema-only",
    x: "no-privileges", "1": "single-transaction", v: "verbose", w: "no-password", W: "password",
  },
  withValue: new Set([
    "dbname", "file", "format", "index", "jobs", "use-list", "schema", "exclude-schema", "function", "superuser",
    "table", "trigger", "host", "port", "username", "role", "section",
  ]),
  noValue: new Set([
    "data-only", "clean", "create", "exit-on-error", "list", "no-owner", "schema-only", "no-privileges", "no-acl",
    "single-transaction", "verbose", "no-password", "password", "if-exists", "disable-triggers",
    "enable-row-security", "no-comments", "no-data-for-failed-tables", "no-publications", "no-security-labels",
    "no-subscriptions", "no-table-access-method", "no-tablespaces", "strict-names", "use-set-session-authorization",
  ]),
};

const CONNECTION = new Set(["dbname", "host", "port", "username", "no-password", "password"]);
// Set by the executor itself (or meaningless here).
const OWN = new Set(["single-transaction", "exit-on-error", "format", "jobs"]);

export function parseRestoreCommand(command: string, variables: Record<string, string>): RestorePlan {
  const { args } = toolWords(command, "pg_restore");
  const { flags, positional } = splitFlags(args, PG_RESTORE);
  const plan: RestorePlan = { source: null, clean: false, ifExists: false, tables: [], schemas: [], schemaOnly: false, dataOnly: false, args: [], ignored: [] };
  for (const f of flags) {
    // Connection flags are dropped unexpanded: $DB_HOST need not be set for the run's target to be used.
    if (CONNECTION.has(f.name)) {
      plan.ignored.push(f.raw[0] ?? f.name);
      continue;
    }
    const value = f.value === null ? null : expandVariables(f.value, variables);
    if (OWN.has(f.name)) {
      if (f.name === "jobs") plan.ignored.push("-j (the restore runs in one transaction)");
      continue;
    }
    switch (f.name) {
      case "file":
        throw new CommandError("pg_restore -f writes a script instead of restoring; the restore step restores into the run's target");
      case "list":
        throw new CommandError("pg_restore -l only lists the archive; the restore step restores into the run's target");
      case "create":
        throw new CommandError("pg_restore -C creates and switches databases; the restore step restores into the run's target database (drop -C)");
      case "use-list":
        throw new CommandError("pg_restore -L is not supported by the restore step (the list file is not part of the backup set)");
      case "clean":
        plan.clean = true;
        break;
      case "if-exists":
        plan.ifExists = true;
        break;
      case "table":
        plan.tables.push(value ?? "");
        break;
      case "schema":
        plan.schemas.push(value ?? "");
        break;
      case "schema-only":
        plan.schemaOnly = true;
        break;
      case "data-only":
        plan.dataOnly = true;
        break;
    }
    plan.args.push(value === null ? `--${f.name}` : `--${f.name}=${value}`);
  }
  if (positional.length > 1) throw new CommandError(`pg_restore takes one archive; got ${positional.join(", ")}`);
  const first = positional[0];
  plan.source = first === undefined ? null : expandVariables(first, variables);
  return plan;
}
