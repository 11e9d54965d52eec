// Where a step's variables come from: the target (DATABASE_URL, DB_HOST…), the run's inputs,
// and earlier steps' outputs. Values reach executors as environment variables only.

const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|PRIVATE_KEY|CREDENTIAL)/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

export function targetVariables(url: string): Record<string, string> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { DATABASE_URL: url };
  }
  const user = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ""));
  const port = u.port || "5432";
  return {
    DATABASE_URL: url,
    POSTGRES_URL: url,
    DB_HOST: u.hostname,
    DB_PORT: port,
    DB_USER: user,
    DB_NAME: name,
    DB_PASSWORD: password,
    PGHOST: u.hostname,
    PGPORT: port,
    PGUSER: user,
    PGDATABASE: name,
    PGPASSWORD: password,
  };
}

/** Values that must never be stored or shown: the target's password and URL, secret inputs. */
export function secretValues(targetUrl: string | null, inputs: Record<string, string>): string[] {
  const out: string[] = [];
  if (targetUrl) {
    out.push(targetUrl);
    try {
      const pw = decodeURIComponent(new URL(targetUrl).password);
      if (pw) out.push(pw);
    } catch {
      // unparseable URL: the whole URL is already listed
    }
  }
  for (const [k, v] of Object.entries(inputs)) if (v && isSecretName(k)) out.push(v);
  return out.filter((s) => s.length >= 3);
}

/** Normalises how documents spell a variable: `$X`, `${X}`, `<backup_dir>` → X / BACKUP_DIR. */
export function variableName(raw: string): string {
  return raw
    .replace(/^\$\{?|\}$/g, "")
    .replace(/^<|>$/g, "")
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9_]/g, "_");
}

/** A run-start timestamp for YYYYMMDD_HHMMSS placeholders. */
export function timestampVariable(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}_${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}
