import { secretsFor } from "@/lib/executors/mask-secrets";
import { libpqVariables } from "@/lib/executors/shell-env";

// Where a step's variables come from: the target (DATABASE_URL, DB_HOST…), the run's inputs,
// and earlier steps' outputs. Values reach executors as environment variables only.

const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|PRIVATE_KEY|CREDENTIAL)/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The libpq variables of the target (PGHOST…, DATABASE_URL) plus the DB_* spellings runbooks use. */
export function targetVariables(url: string): Record<string, string> {
  const pg = libpqVariables(url);
  return {
    ...pg,
    POSTGRES_URL: url,
    ...(pg.PGHOST ? { DB_HOST: pg.PGHOST } : {}),
    ...(pg.PGPORT ? { DB_PORT: pg.PGPORT } : {}),
    ...(pg.PGUSER ? { DB_USER: pg.PGUSER } : {}),
    ...(pg.PGDATABASE ? { DB_NAME: pg.PGDATABASE } : {}),
    ...(pg.PGPASSWORD ? { DB_PASSWORD: pg.PGPASSWORD } : {}),
  };
}

/** Values that must never be stored or shown: the target's URL and password, secret inputs. */
export function secretValues(targetUrl: string | null, inputs: Record<string, string>): string[] {
  const secretInputs = Object.entries(inputs)
    .filter(([k, v]) => v && isSecretName(k))
    .map(([, v]) => v);
  return secretsFor([...(targetUrl ? [targetUrl] : []), ...secretInputs], targetUrl).filter((s) => s.length >= 3);
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
