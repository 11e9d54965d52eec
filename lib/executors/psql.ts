// The psql flags the runbooks use (-t, -A, -F, -c, -f, -1, -v ON_ERROR_STOP=1, -h/-p/-U/-d), turned
// into options for runSql, and psql's text rendering of a result set (stdoutTail, `contains`).
import { parse } from "shell-quote";
import type { SqlOptions } from "./sql";

export interface PsqlInvocation {
  commands: string[]; // -c texts, in order
  files: string[]; // -f paths ("-" = stdin)
  tuplesOnly: boolean; // -t
  unaligned: boolean; // -A
  fieldSeparator: string; // -F
  singleTransaction: boolean; // -1
  variables: Record<string, string>; // -v NAME=VALUE
  onErrorStop: boolean;
  host: string | null;
  port: string | null;
  user: string | null;
  dbname: string | null; // -d or the first positional (may be a connection URL)
  unknown: string[]; // flags not understood
}

const WITH_VALUE = new Map<string, keyof PsqlInvocation | "ignore">([
  ["-c", "commands"], ["--command", "commands"], ["-f", "files"], ["--file", "files"],
  ["-F", "fieldSeparator"], ["--field-separator", "fieldSeparator"], ["-v", "variables"], ["--set", "variables"],
  ["--variable", "variables"], ["-h", "host"], ["--host", "host"], ["-p", "port"], ["--port", "port"],
  ["-U", "user"], ["--username", "user"], ["-d", "dbname"], ["--dbname", "dbname"],
  ["-o", "ignore"], ["--output", "ignore"], ["-P", "ignore"], ["--pset", "ignore"], ["-L", "ignore"], ["--log-file", "ignore"],
]);
const FLAGS = new Map<string, keyof PsqlInvocation | "ignore">([
  ["-t", "tuplesOnly"], ["--tuples-only", "tuplesOnly"], ["-A", "unaligned"], ["--no-align", "unaligned"],
  ["-1", "singleTransaction"], ["--single-transaction", "singleTransaction"], ["-q", "ignore"], ["--quiet", "ignore"],
  ["-X", "ignore"], ["--no-psqlrc", "ignore"], ["-w", "ignore"], ["--no-password", "ignore"], ["-e", "ignore"],
  ["-a", "ignore"], ["-b", "ignore"], ["-x", "ignore"], ["--expanded", "ignore"], ["-W", "ignore"], ["-n", "ignore"],
]);

export function parsePsqlArgs(argv: readonly string[]): PsqlInvocation {
  const inv: PsqlInvocation = {
    commands: [], files: [], tuplesOnly: false, unaligned: false, fieldSeparator: "|", singleTransaction: false,
    variables: {}, onErrorStop: false, host: null, port: null, user: null, dbname: null, unknown: [],
  };
  const args = argv[0] === "psql" ? argv.slice(1) : [...argv];
  const set = (key: keyof PsqlInvocation | "ignore", value: string) => {
    if (key === "commands" || key === "files") inv[key].push(value);
    else if (key === "variables") {
      const eq = value.indexOf("=");
      const name = eq === -1 ? value : value.slice(0, eq);
      inv.variables[name] = eq === -1 ? "" : value.slice(eq + 1);
      if (name === "ON_ERROR_STOP") inv.onErrorStop = !/^(0|off|false)$/i.test(inv.variables[name] ?? "");
    } else if (key === "fieldSeparator" || key === "host" || key === "port" || key === "user" || key === "dbname") inv[key] = value;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const long = /^(--[a-z-]+)=([\s\S]*)$/.exec(arg);
    if (long?.[1] && WITH_VALUE.has(long[1])) {
      set(WITH_VALUE.get(long[1]) ?? "ignore", long[2] ?? "");
    } else if (WITH_VALUE.has(arg)) {
      set(WITH_VALUE.get(arg) ?? "ignore", args[++i] ?? "");
    } else if (/^-[cfFvhpUdoPL]./.test(arg) && WITH_VALUE.has(arg.slice(0, 2))) {
      set(WITH_VALUE.get(arg.slice(0, 2)) ?? "ignore", arg.slice(2)); // -vON_ERROR_STOP=1, -c"…"
    } else if (FLAGS.has(arg)) {
      const key = FLAGS.get(arg);
      if (key === "tuplesOnly" || key === "unaligned" || key === "singleTransaction") inv[key] = true;
    } else if (/^-[tA1qXwaebxWn]{2,}$/.test(arg)) {
      // Combined short flags: -tA, -At1…
      for (const ch of arg.slice(1)) {
        if (ch === "t") inv.tuplesOnly = true;
        else if (ch === "A") inv.unaligned = true;
        else if (ch === "1") inv.singleTransaction = true;
      }
    } else if (!arg.startsWith("-") && inv.dbname === null) {
      inv.dbname = arg;
    } else if (!arg.startsWith("-") && inv.user === null) {
      inv.user = arg;
    } else {
      inv.unknown.push(arg);
    }
  }
  return inv;
}

/** Parses a `psql …` command line; variables stay unresolved, as `$NAME` (whoever runs it resolves them). */
export function parsePsqlCommand(line: string): PsqlInvocation {
  const words = parse(line.replace(/\\\r?\n/g, " "), (key: string) => `$${key}`).filter(
    (w): w is string => typeof w === "string",
  );
  return parsePsqlArgs(words);
}

/** How runSql should treat the SQL of this invocation: -1, or a -c with several statements, is one transaction. */
export function sqlOptionsFor(inv: PsqlInvocation): SqlOptions {
  return { singleTransaction: inv.singleTransaction || inv.commands.length > 0 };
}

export interface RenderOptions {
  tuplesOnly?: boolean;
  unaligned?: boolean;
  fieldSeparator?: string;
  rowCount?: number;
}

/** A result set as psql prints it (aligned with a footer, or -A / -t). */
export function renderTable(columns: readonly string[], rows: readonly string[][], opts: RenderOptions = {}): string {
  const count = opts.rowCount ?? rows.length;
  const footer = `(${count} row${count === 1 ? "" : "s"})`;
  if (opts.unaligned) {
    const sep = opts.fieldSeparator ?? "|";
    const lines = rows.map((r) => r.join(sep));
    return `${[...(opts.tuplesOnly ? [] : [columns.join(sep)]), ...lines, ...(opts.tuplesOnly ? [] : [footer])].join("\n")}\n`;
  }
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    ` ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")}`.trimEnd();
  const out = opts.tuplesOnly ? [] : [line(columns), widths.map((w) => "-".repeat(w + 2)).join("+")];
  out.push(...rows.map(line));
  if (!opts.tuplesOnly) out.push(footer);
  return `${out.join("\n")}\n`;
}
