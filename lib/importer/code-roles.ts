import { hasShellPrompts } from "./shell-split";
import { looksLikeSqlLine } from "./sql-statements";
import { langFamily } from "./fence-info";

// What a fenced block is for. Only shell, sql and sql-session are runnable. The heuristics for
// untagged/unknown fences exist because runbooks rarely tag sample output or diagrams.
export type CodeRole =
  | "shell"
  | "sql"
  | "sql-session"
  | "output"
  | "checklist"
  | "diagram"
  | "comments"
  | "empty"
  | "data"
  | "source"
  | "unknown";

export const RUNNABLE_ROLES: ReadonlySet<CodeRole> = new Set(["shell", "sql", "sql-session"]);

const KNOWN_COMMANDS = new Set(
  (
    "psql pg_dump pg_dumpall pg_restore pg_basebackup pg_ctl pg_isready createdb dropdb createuser dropuser vacuumdb reindexdb mysql mysqldump mariadb sqlite3 redis-cli mongosh mongo " +
    "curl wget http alembic flask python python3 pip pip3 pytest poetry pipenv uv node npm npx yarn pnpm bun deno prisma knex sequelize rails rake bundle " +
    "aws gcloud az kubectl helm terraform tofu docker docker-compose podman systemctl service journalctl pm2 supervisorctl git gh make ssh scp rsync " +
    "cd ls cat echo printf export set unset source tail head grep egrep awk sed sort uniq wc cut tr xargs find mkdir rmdir rm cp mv ln touch chmod chown tar gzip gunzip zip unzip " +
    "sleep date watch kill pkill killall ps top df du free uptime whoami hostname env sudo time nohup tee jq yq diff test true false exit read mail sendmail " +
    "openssl base64 sha256sum md5sum nc telnet dig nslookup ping traceroute iptables crontab open xdg-open less more vi vim nano flyway liquibase goose dbmate migrate bash sh zsh for if while"
  ).split(" "),
);

const SQL_PROMPT_LINE = /^\s*(?:(?:mysql|mariadb|sqlite)>|[A-Za-z_][\w-]*=[#>])\s/;
const SQL_CONTINUATION = /^\s*(?:->|[A-Za-z_][\w-]*-[#>]|\.\.\.>)\s?/;

// mysql> / postgres=# starts input; "    ->" and "postgres-#" continue it; anything else is output.
export function stripSqlPrompt(line: string): { kind: "input" | "continuation" | "output"; text: string } {
  const p = SQL_PROMPT_LINE.exec(line);
  if (p) return { kind: "input", text: line.slice(p[0].length) };
  const c = SQL_CONTINUATION.exec(line);
  if (c) return { kind: "continuation", text: line.slice(c[0].length) };
  return { kind: "output", text: line };
}

function commandish(line: string): boolean {
  const t = line.trim().replace(/^\$\s+/, "").replace(/^sudo\s+(-\S+\s+)*/, "");
  const first = t.split(/\s+/)[0] ?? "";
  if (KNOWN_COMMANDS.has(first)) return true;
  if (/^\.{0,2}\/[\w./-]+$/.test(first) || /^~\/[\w./-]+$/.test(first)) return true;
  if (/^[A-Za-z_][A-Za-z0-9_]*=\S*/.test(first)) return true;
  return false;
}

function meaningful(lines: string[], comment: RegExp): string[] {
  return lines.filter((l) => l.trim() !== "" && !comment.test(l));
}

export function roleFor(lang: string, lines: string[], afterOutputLabel: boolean): { role: CodeRole; warning: string | null } {
  const family = langFamily(lang);
  if (afterOutputLabel) return { role: "output", warning: null };
  const nonBlank = lines.filter((l) => l.trim() !== "");
  if (nonBlank.length === 0) return { role: "empty", warning: null };
  if (family === "data") {
    if (lang === "mermaid" || lang === "dot" || lang === "graphviz" || lang === "plantuml" || lang === "puml" || lang === "ascii") return { role: "diagram", warning: null };
    return { role: "data", warning: null };
  }
  if (family === "source") return { role: "source", warning: null };
  if (family === "unsupported-shell") return { role: "unknown", warning: `${lang} blocks are not run (only POSIX shell is supported)` };

  const sqlPrompted = nonBlank.some((l) => SQL_PROMPT_LINE.test(l));
  if (family === "sql") {
    if (sqlPrompted) return { role: "sql-session", warning: null };
    return meaningful(lines, /^\s*--/).length === 0 ? { role: "comments", warning: null } : { role: "sql", warning: null };
  }
  const code = meaningful(lines, /^\s*(#|--|\/\/)/);
  if (family === "shell") {
    if (sqlPrompted) return { role: "sql-session", warning: `fence labelled ${lang} holds an SQL client session; run as SQL` };
    if (code.length === 0) return { role: "comments", warning: null };
    const first = code[0] ?? "";
    if (looksLikeSqlLine(first) && !code.some(commandish)) {
      return { role: "sql", warning: `fence labelled ${lang} contains SQL; run as SQL` };
    }
    return { role: "shell", warning: null };
  }

  // Untagged or unknown language: decide from the content.
  const boxes = nonBlank.filter((l) => /[\u2500-\u257f\u2190-\u21ff]|-->|==>|^\s*[|+]\s*[-+|]/.test(l)).length;
  const checkboxes = nonBlank.filter((l) => /^\s*(?:[-*+]\s+)?\[[ xX]\]/.test(l)).length;
  let role: CodeRole;
  if (checkboxes * 2 >= nonBlank.length) role = "checklist";
  else if (sqlPrompted) role = "sql-session";
  else if (boxes * 3 >= nonBlank.length) role = "diagram";
  else if (code.length === 0) role = nonBlank.every((l) => /^\s*(#|--)/.test(l)) ? "comments" : "output";
  else if (looksLikeSqlLine(code[0] ?? "") && !code.some(commandish)) role = "sql";
  else if (hasShellPrompts(nonBlank) || code.filter(commandish).length / code.length >= 0.6) role = "shell";
  else role = family === "untagged" ? "output" : "unknown";
  let warning: string | null = null;
  if (family === "unknown") {
    warning = RUNNABLE_ROLES.has(role)
      ? `unknown fence language "${lang}": content looks like ${role === "shell" ? "shell commands" : "SQL"}, run as such`
      : `unknown fence language "${lang}": not runnable`;
  }
  return { role, warning };
}

