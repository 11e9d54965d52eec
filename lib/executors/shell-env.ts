// The environment of a shell step: nothing from the runner's own environment except PATH and
// LANG, HOME pointing at the run's workspace, the runbook variables, and the target's connection as
// the libpq variables psql/pg_dump read. Values travel as environment variables only; the command
// text is never rewritten with them.

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PROTECTED = new Set(["PATH", "HOME", "LANG"]);
const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE (and DATABASE_URL) for a postgres:// URL. */
export function libpqVariables(url: string): Record<string, string> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { DATABASE_URL: url };
  }
  const out: Record<string, string> = { DATABASE_URL: url };
  const host = u.searchParams.get("host") ?? u.hostname.replace(/^\[|\]$/g, "");
  if (host) out.PGHOST = host;
  out.PGPORT = u.searchParams.get("port") ?? (u.port || "5432");
  if (u.username) out.PGUSER = decodeURIComponent(u.username);
  if (u.password) out.PGPASSWORD = decodeURIComponent(u.password);
  const db = decodeURIComponent(u.pathname.replace(/^\//, ""));
  if (db) out.PGDATABASE = db;
  const sslmode = u.searchParams.get("sslmode");
  if (sslmode) out.PGSSLMODE = sslmode;
  return out;
}

export interface ShellEnvironment {
  env: Record<string, string>;
  skipped: string[]; // variable names that could not be passed, with why
}

export function shellEnvironment(
  ctx: { workspace: string; variables: Record<string, string>; targetUrl: string | null },
  parent: Record<string, string | undefined>,
): ShellEnvironment {
  const env: Record<string, string> = {
    PATH: parent.PATH || DEFAULT_PATH,
    HOME: ctx.workspace,
    LANG: parent.LANG || "C.UTF-8",
  };
  const skipped: string[] = [];
  const add = (name: string, value: string) => {
    if (!NAME.test(name)) skipped.push(`${name} (not a valid environment variable name)`);
    else if (PROTECTED.has(name)) skipped.push(`${name} (set by the executor)`);
    else if (value.includes("\0")) skipped.push(`${name} (contains a NUL byte)`);
    else env[name] = value;
  };
  for (const [name, value] of Object.entries(ctx.variables)) add(name, value);
  // The chosen target wins over a same-named runbook variable: a step cannot be pointed elsewhere.
  if (ctx.targetUrl) for (const [name, value] of Object.entries(libpqVariables(ctx.targetUrl))) add(name, value);
  return { env, skipped };
}
