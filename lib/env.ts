import path from "node:path";
import { z } from "zod";

// The one place that reads process.env (house style 10). The launcher fills in the embedded
// defaults (DATABASE_URL, S3_*, SANDBOX_DATABASE_URL) before the web server or runner starts.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().url().optional(),
  SANDBOX_DATABASE_URL: z.string().url().optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().min(1).default("backups"),
  S3_PREFIX: z.string().default("runbook-desk"),
  S3_REGION: z.string().default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  DESK_DATA_DIR: z.string().default(".data"),
  DESK_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  DESK_S3_PORT: z.coerce.number().int().min(1).max(65535).default(54330),
  DESK_SECRET_KEY: z.string().min(16).optional(),
  RUNBOOKS_DIR: z.string().optional(),
  // Backup sets older than this are deleted by the retention job (seed 001: 7 days local, 30 in S3);
  // sets referenced by an unfinished run are kept.
  DESK_BACKUP_LOCAL_RETENTION_DAYS: z.coerce.number().min(0).default(7),
  DESK_BACKUP_S3_RETENTION_DAYS: z.coerce.number().min(0).default(30),
  // Debian's chromium renders report PDFs (playwright-core drives it; nothing is downloaded).
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
  // Sign-in (lib/auth). The desk's own address, for cookies and the origin check; https here makes
  // cookies `Secure`.
  DESK_PUBLIC_URL: z.string().url().optional(),
  // First admin, for automated installs: created at start when no user exists. Without them the
  // desk prints a one-time setup link instead.
  DESK_ADMIN_EMAIL: z.string().email().optional(),
  DESK_ADMIN_PASSWORD: z.string().min(12).optional(),
  DESK_SIGNIN_MAX_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  // Generic OpenID Connect (Keycloak, Okta, Google…): the issuer URL (discovery is read from
  // <issuer>/.well-known/openid-configuration), the client's id and secret, and a button label.
  DESK_OIDC_ISSUER: z.string().url().optional(),
  DESK_OIDC_CLIENT_ID: z.string().min(1).optional(),
  DESK_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  DESK_OIDC_LABEL: z.string().min(1).default("Single sign-on"),
  DESK_OIDC_SCOPES: z.string().default("openid email profile"),
  DESK_SKIP_DEMOS: z
    .enum(["1", "0", "true", "false"])
    .optional()
    .transform((v) => v === "1" || v === "true"),
});

export type Env = z.infer<typeof schema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= readEnv();
  return cached;
}

export function dataDir(e: Env = env()): string {
  return path.resolve(e.DESK_DATA_DIR);
}

/**
 * Targets an admin declares through the environment: DESK_TARGET_<NAME>_URL=postgres://…
 * (and DESK_PROTECTED_TARGETS=name,name). Returns the env var name per target, not the URL.
 */
export function envTargets(source: NodeJS.ProcessEnv = process.env): { name: string; urlEnv: string; protected: boolean }[] {
  const protectedNames = new Set(
    (source.DESK_PROTECTED_TARGETS ?? "")
      .split(",")
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );
  return Object.keys(source)
    .map((k) => /^DESK_TARGET_([A-Z0-9_]+)_URL$/.exec(k))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => {
      const name = (m[1] ?? "").toLowerCase().replace(/_/g, "-");
      return { name, urlEnv: m[0], protected: protectedNames.has(name) };
    });
}

/** Reads a variable named by configuration (a target's urlEnv); the one sanctioned dynamic read. */
export function envValue(name: string, source: NodeJS.ProcessEnv = process.env): string | undefined {
  return source[name];
}

/** True in code Next has bundled (it inlines NEXT_RUNTIME at build time); false under tsx and Vitest. */
export function bundledByNext(): boolean {
  return process.env.NEXT_RUNTIME !== undefined;
}
