import path from "node:path";
import { parseShellWords, programOf } from "@/lib/importer/shell-words";

// The words of a one-program pg_dump/pg_restore step, with runbook variables expanded. The
// command is never given to a shell: only its flags are read, so `$(date +%s)` in a file name
// becomes a timestamp and a pipe or a second command is refused rather than run.

export interface ToolWords {
  args: string[];
  redirectTarget: string | null;
}

export class CommandError extends Error {}

export function toolWords(command: string, tool: "pg_dump" | "pg_restore"): ToolWords {
  const parsed = parseShellWords(command);
  const segments = parsed.segments.filter((s) => s.words.length > 0);
  if (segments.length !== 1 || !segments[0]) {
    throw new CommandError(
      `the ${tool === "pg_dump" ? "backup" : "restore"} step runs ${tool} alone; this command has ${segments.length} commands (pipes, && and ; are not supported: the custom format is already compressed)`,
    );
  }
  const { program, args } = programOf(segments[0].words);
  if (program?.replace(/^.*\//, "") !== tool) throw new CommandError(`expected a ${tool} command, got ${program ?? "nothing"}`);
  const out = segments[0].redirects.find((r) => r.op === ">" || r.op === ">|" || r.op === ">>");
  return { args, redirectTarget: out?.target ?? null };
}

const VAR = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Expands $VAR and ${VAR}; an unset variable is an error naming it. */
export function expandVariables(text: string, variables: Record<string, string>): string {
  return text.replace(VAR, (_m, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? "";
    const value = variables[name];
    if (value === undefined) throw new CommandError(`variable $${name} is not set (used in "${text}")`);
    return value;
  });
}

/**
 * A file name from a -f/redirect target, used only as a name inside the backup set: command
 * substitutions become `stamp`, variables are expanded (unset ones dropped), directories dropped.
 */
export function fileNameFrom(target: string, variables: Record<string, string>, stamp: string): string {
  const substituted = target.replace(/\$\([^)]*\)|`[^`]*`/g, stamp);
  const expanded = substituted.replace(VAR, (_m, braced: string | undefined, bare: string | undefined) => variables[braced ?? bare ?? ""] ?? "");
  const base = path.basename(expanded).replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "");
  return base.slice(0, 120);
}

/** Splits `--name=value` / `-Xvalue` / `-X value` forms against a table of flags taking values. */
export interface Flag {
  name: string; // canonical long name without dashes, or the short letter for unknown ones
  value: string | null;
  raw: string[];
}

export interface FlagTable {
  // short letter → long name
  short: Record<string, string>;
  // long names that take a value
  withValue: Set<string>;
  // long names without a value
  noValue: Set<string>;
}

export function splitFlags(args: string[], table: FlagTable): { flags: Flag[]; positional: string[] } {
  const flags: Flag[] = [];
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (a === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      if (table.withValue.has(name)) {
        if (eq !== -1) flags.push({ name, value: a.slice(eq + 1), raw: [a] });
        else {
          const v = args[i + 1];
          if (v === undefined) throw new CommandError(`--${name} needs a value`);
          flags.push({ name, value: v, raw: [a, v] });
          i++;
        }
      } else if (table.noValue.has(name)) {
        if (eq !== -1) throw new CommandError(`--${name} takes no value`);
        flags.push({ name, value: null, raw: [a] });
      } else throw new CommandError(`unknown option --${name}`);
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      // Bundled short flags: -cv, -Fc, -tusers
      for (let k = 1; k < a.length; k++) {
        const letter = a.charAt(k);
        const name = table.short[letter];
        if (!name) throw new CommandError(`unknown option -${letter}`);
        if (table.withValue.has(name)) {
          const rest = a.slice(k + 1);
          if (rest) flags.push({ name, value: rest, raw: [`-${letter}${rest}`] });
          else {
            const v = args[i + 1];
            if (v === undefined) throw new CommandError(`-${letter} needs a value`);
            flags.push({ name, value: v, raw: [`-${letter}`, v] });
            i++;
          }
          break;
        }
        flags.push({ name, value: null, raw: [`-${letter}`] });
      }
      continue;
    }
    positional.push(a);
  }
  return { flags, positional };
}
