import "server-only";
import pg from "pg";
import { seal, unseal } from "@/lib/crypto";
import { db } from "@/lib/db";
import { envTargets, envValue } from "@/lib/env";
import { SafeError } from "@/lib/errors";
import { describeConnectionError } from "./pg-errors";

// What the browser may see of a target: never a URL, password or env var value.
export interface TargetSummary {
  id: string;
  name: string;
  kind: string;
  protected: boolean;
  description: string;
  secretSource: "env" | "stored" | "none";
}

export interface TargetStatus {
  name: string;
  reachable: boolean;
  serverVersion: string | null;
  latencyMs: number | null;
  error: string | null;
}

const summarySelect = {
  id: true,
  name: true,
  kind: true,
  protected: true,
  description: true,
  urlEnv: true,
  urlEncrypted: true,
} as const;

export async function listTargets(): Promise<TargetSummary[]> {
  const rows = await db.target.findMany({ select: summarySelect, orderBy: { name: "asc" } });
  return rows.map(({ urlEnv, urlEncrypted, ...t }) => ({
    ...t,
    secretSource: urlEncrypted ? "stored" : urlEnv ? "env" : "none",
  }));
}

/** Server-side only: the connection URL of a target, with its password. */
export async function targetConnectionUrl(name: string): Promise<string> {
  const t = await db.target.findUnique({ where: { name }, select: { urlEnv: true, urlEncrypted: true } });
  if (!t) throw new SafeError(`No target named "${name}".`);
  if (t.urlEncrypted) return unseal(t.urlEncrypted);
  const fromEnv = t.urlEnv ? envValue(t.urlEnv) : undefined;
  if (!fromEnv) throw new SafeError(`Target "${name}" has no connection configured (${t.urlEnv ?? "no env var"} is unset).`);
  return fromEnv;
}

export async function checkTarget(name: string): Promise<TargetStatus> {
  let url: string;
  try {
    url = await targetConnectionUrl(name);
  } catch (e) {
    return { name, reachable: false, serverVersion: null, latencyMs: null, error: e instanceof SafeError ? e.message : "Not configured" };
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, statement_timeout: 5000 });
  const started = performance.now();
  try {
    await client.connect();
    const r = await client.query<{ server_version: string }>("SHOW server_version");
    return {
      name,
      reachable: true,
      serverVersion: r.rows[0]?.server_version ?? null,
      latencyMs: Math.round(performance.now() - started),
      error: null,
    };
  } catch (e) {
    return { name, reachable: false, serverVersion: null, latencyMs: null, error: describeConnectionError(url, e) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface TargetInput {
  name: string;
  url?: string;
  urlEnv?: string;
  protected?: boolean;
  description?: string;
}

/** Creates or updates a target; a URL given directly is stored sealed, never in plain text. */
export async function upsertTarget(input: TargetInput): Promise<TargetSummary> {
  const data = {
    urlEnv: input.url ? null : (input.urlEnv ?? null),
    urlEncrypted: input.url ? seal(input.url) : null,
    protected: input.protected ?? false,
    description: input.description ?? "",
  };
  await db.target.upsert({ where: { name: input.name }, create: { name: input.name, ...data }, update: data });
  const all = await listTargets();
  const found = all.find((t) => t.name === input.name);
  if (!found) throw new Error(`target ${input.name} vanished after upsert`);
  return found;
}

/** An admin's change: a new URL replaces the stored one; without one the connection is kept. */
export async function saveTarget(input: { name: string; url?: string; protected: boolean; description: string }): Promise<void> {
  const existing = await db.target.findUnique({ where: { name: input.name }, select: { id: true } });
  if (!existing && !input.url) throw new SafeError("A new target needs a connection URL.");
  const base = { protected: input.protected, description: input.description };
  const connection = input.url ? { urlEncrypted: seal(input.url), urlEnv: null } : {};
  await db.target.upsert({ where: { name: input.name }, create: { name: input.name, ...base, ...connection }, update: { ...base, ...connection } });
}

/** Registers the sandbox and every DESK_TARGET_<NAME>_URL target; called at start-up. */
export async function registerConfiguredTargets(hasSandbox: boolean): Promise<void> {
  if (hasSandbox) {
    await upsertTarget({
      name: "sandbox",
      urlEnv: "SANDBOX_DATABASE_URL",
      description: "Embedded practice database seeded with the schemas the example runbooks act on.",
    });
    // The same practice database behind a protected target, to try the two-person rule.
    await upsertTarget({
      name: "sandbox-protected",
      urlEnv: "SANDBOX_DATABASE_URL",
      protected: true,
      description: "The sandbox again, protected: destructive steps need a second commander's approval.",
    });
  }
  for (const t of envTargets()) {
    await upsertTarget({ name: t.name, urlEnv: t.urlEnv, protected: t.protected });
  }
}
