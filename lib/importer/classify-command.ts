import { isDestructiveProgram } from "./destructive";
import type { RawCommand } from "./shell-split";
import { parseShellWords, programOf, type Segment } from "./shell-words";
import { isDestructiveSqlText } from "./sql-statements";
import type { Executor } from "./types";

export interface Classified {
  executor: Executor;
  code: string;
  tool: string | null;
  destructive: boolean;
  // The SQL this command runs (psql -c / heredoc / session), for expectations; null otherwise.
  sql: string | null;
}

const SHELL_KEYWORDS = new Set(["if", "then", "else", "elif", "do", "while", "until", "!", "{", "}", "fi", "done", "esac"]);
const SQL_CLIENTS = new Set(["psql", "mysql", "mariadb", "sqlite3", "sqlcmd", "mongo", "mongosh", "redis-cli"]);
const INTERACTIVE = new Set(["less", "more", "top", "htop", "vim", "vi", "nano", "emacs", "open", "xdg-open", "watch", "tmux", "screen"]);

function words(seg: Segment): { program: string | null; args: string[] } {
  let k = 0;
  while (k < seg.words.length && SHELL_KEYWORDS.has(seg.words[k] ?? "")) k++;
  if (["for", "case", "select", "function"].includes(seg.words[k] ?? "")) return { program: null, args: [] };
  return programOf(seg.words.slice(k));
}

// psql's SQL: every -c/--command value plus a heredoc body fed on stdin.
function psqlSql(args: string[], seg: Segment, heredocBody: string | null): { sql: string | null; file: string | null } {
  const parts: string[] = [];
  let file: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (a === "-c" || a === "--command") parts.push(args[++i] ?? "");
    else if (a.startsWith("--command=")) parts.push(a.slice(10));
    else if (/^-c./.test(a)) parts.push(a.slice(2));
    else if (a === "-f" || a === "--file") file = args[++i] ?? "";
    else if (a.startsWith("--file=")) file = a.slice(7);
  }
  const stdin = seg.redirects.find((r) => r.op === "<");
  if (stdin) file = stdin.target;
  const heredoc = seg.redirects.some((r) => r.op.startsWith("<<"));
  if (heredoc && heredocBody !== null && (file === null || file === "-")) {
    parts.push(heredocBody);
    file = null;
  }
  return { sql: parts.length > 0 ? parts.join("\n") : null, file };
}

function opensSession(program: string | null, args: string[], seg: Segment): boolean {
  if (program === "psql") {
    const nonInteractive = args.some((a) => /^(-c|--command|-f|--file|-l|--list|-V|--version|--help|-\?)/.test(a));
    return !nonInteractive && !seg.redirects.some((r) => r.op.startsWith("<"));
  }
  if (program === "mysql" || program === "mariadb" || program === "sqlite3" || program === "mongosh" || program === "mongo") {
    return !args.some((a) => /^(-e|--execute|--eval)/.test(a)) && !seg.redirects.some((r) => r.op.startsWith("<")) && (program !== "sqlite3" || args.filter((a) => !a.startsWith("-")).length <= 1);
  }
  if (program === "redis-cli") return args.filter((a) => !a.startsWith("-")).length === 0 && !args.some((a) => /^-(h|p|a|n)$/.test(a));
  return false;
}

// For the splitter: does this finished command start an interactive client whose input follows?
export function commandOpensSession(text: string): boolean {
  const parsed = parseShellWords(text);
  if (parsed.segments.length !== 1) return false;
  const seg = parsed.segments[0];
  if (!seg) return false;
  const { program, args } = words(seg);
  return opensSession(program, args, seg);
}

function isManual(program: string, args: string[]): boolean {
  if (INTERACTIVE.has(program)) return true;
  const follows = args.some((a) => /^(-f|-F|--follow)$/.test(a) || /^-[a-zA-Z]*[fF]$/.test(a));
  if (program === "tail" || program === "journalctl") return follows;
  if (program === "pm2") return args[0] === "logs" && !args.includes("--nostream");
  if (program === "kubectl" || program === "docker" || program === "podman") return args[0] === "logs" && follows;
  if (program === "ssh") return args.filter((a) => !a.startsWith("-")).length <= 1;
  return false;
}

function sqlMeta(sql: string): boolean {
  return sql.split("\n").some((l) => l.trim().startsWith("\\"));
}

function readOnlyFileName(file: string): boolean {
  return /(explain|check|verify|validat|report|stat|select|query|inspect|audit|count|list|show|health)/i.test(file);
}

function segmentDestructive(seg: Segment, heredocBody: string | null, depth = 0): boolean {
  const { program, args } = words(seg);
  let destructive = program !== null && isDestructiveProgram(program, args);
  if (program === "psql" || program === "mysql" || program === "mariadb") {
    const { sql, file } = psqlSql(program === "psql" ? args : args.map((a) => (a === "-e" || a === "--execute" ? "-c" : a)), seg, heredocBody);
    if (sql !== null && isDestructiveSqlText(sql.split("\n").filter((l) => !l.trim().startsWith("\\")).join("\n"))) destructive = true;
    if (file !== null && file !== "-" && !readOnlyFileName(file)) destructive = true;
  }
  if (depth < 3) {
    for (const inner of seg.substitutions) {
      if (parseShellWords(inner).segments.some((s) => segmentDestructive(s, null, depth + 1))) destructive = true;
    }
  }
  return destructive;
}

export function classifyShellCommand(raw: RawCommand): Classified {
  const parsed = parseShellWords(raw.commandText);
  const heredocBody = raw.heredocs[0] ? raw.heredocs[0].body.join("\n") : null;
  const first = parsed.segments[0];
  const simple = parsed.segments.length === 1;
  const destructive = parsed.segments.some((s) => segmentDestructive(s, heredocBody));
  if (!first) return { executor: "shell", code: raw.text, tool: null, destructive, sql: null };
  const { program: rawProgram, args } = words(first);
  // Compound commands (if/for/while/case) have no single tool.
  const compound = ["if", "for", "while", "until", "case", "select", "{", "("].includes(first.words[0] ?? "");
  const program = compound ? null : rawProgram;

  if (raw.session.length > 0) {
    const session = raw.session.map((l) => l.text).join("\n");
    const sessionDestructive = isDestructiveSqlText(session.split("\n").filter((l) => !l.trim().startsWith("\\")).join("\n"));
    if (program === "psql" && !sqlMeta(session)) return { executor: "sql", code: session, tool: "psql", destructive: destructive || sessionDestructive, sql: session };
    return { executor: "manual", code: `${raw.text}\n${session}`, tool: program, destructive: destructive || sessionDestructive, sql: session };
  }

  if (compound) return { executor: "shell", code: raw.text, tool: null, destructive, sql: null };
  if (program === null) {
    // VAR=$(psql …): an assignment; the tool is whatever runs inside.
    const inner = first.substitutions[0];
    const innerProgram = inner ? (parseShellWords(inner).segments[0] ?? null) : null;
    const tool = innerProgram ? words(innerProgram).program : null;
    let sql: string | null = null;
    if (tool === "psql" && innerProgram) sql = psqlSql(words(innerProgram).args, innerProgram, null).sql;
    return { executor: "shell", code: raw.text, tool, destructive, sql };
  }

  for (const seg of parsed.segments) {
    const w = words(seg);
    if (w.program && isManual(w.program, w.args)) return { executor: "manual", code: raw.text, tool: w.program, destructive, sql: null };
  }

  if (program === "psql") {
    const { sql, file } = psqlSql(args, first, heredocBody);
    const onlyHeredoc = first.redirects.every((r) => r.op.startsWith("<<") || (r.op === "<" && file === null));
    if (simple && sql !== null && onlyHeredoc && (file === null || file === "-") && !sqlMeta(sql)) {
      return { executor: "sql", code: sql.trim(), tool: "psql", destructive, sql };
    }
    return { executor: "shell", code: raw.text, tool: "psql", destructive, sql };
  }
  if (program === "pg_dump" || program === "pg_dumpall" || program === "pg_basebackup") {
    return { executor: "backup", code: raw.text, tool: program, destructive, sql: null };
  }
  if (program === "pg_restore") return { executor: "restore", code: raw.text, tool: program, destructive, sql: null };
  if ((program === "curl" || program === "wget" || program === "http" || program === "https") && simple) {
    return { executor: "http", code: raw.text, tool: program, destructive, sql: null };
  }
  if (SQL_CLIENTS.has(program)) {
    const sql = program === "mysql" || program === "mariadb" ? psqlSql(args.map((a) => (a === "-e" || a === "--execute" ? "-c" : a)), first, heredocBody).sql : null;
    return { executor: "shell", code: raw.text, tool: program, destructive, sql };
  }
  return { executor: "shell", code: raw.text, tool: program, destructive, sql: null };
}
