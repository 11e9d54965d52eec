import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface PgTool {
  path: string;
  major: number;
  version: string;
}

function candidates(tool: "pg_dump" | "pg_restore" | "psql"): string[] {
  const found = new Set<string>();
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, tool))) found.add(path.join(dir, tool));
  }
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    for (const v of readdirSync(root)) {
      const p = path.join(root, v, "bin", tool);
      if (existsSync(p)) found.add(p);
    }
  }
  return [...found];
}

export async function findPgTools(tool: "pg_dump" | "pg_restore" | "psql"): Promise<PgTool[]> {
  const tools = await Promise.all(
    candidates(tool).map(async (p) => {
      try {
        const { stdout } = await run(p, ["--version"], { timeout: 5000 });
        const m = /(\d+)(?:\.(\d+))?/.exec(stdout);
        if (!m?.[1]) return null;
        return { path: p, major: Number(m[1]), version: m[0] };
      } catch {
        return null;
      }
    }),
  );
  const unique = new Map<string, PgTool>();
  for (const t of tools) if (t && !unique.has(t.version + t.major)) unique.set(t.version + t.major, t);
  return [...unique.values()].sort((a, b) => a.major - b.major);
}

/**
 * The lowest installed version that can talk to a server of `serverMajor`
 * (pg_dump refuses servers newer than itself), or a message saying what to install.
 */
export async function choosePgTool(
  tool: "pg_dump" | "pg_restore",
  serverMajor: number,
): Promise<{ tool: PgTool } | { error: string }> {
  const all = await findPgTools(tool);
  const fit = all.find((t) => t.major >= serverMajor);
  if (fit) return { tool: fit };
  const have = all.length ? `found ${all.map((t) => `${t.version} (${t.path})`).join(", ")}` : "none found";
  return {
    error: `${tool} ${serverMajor} or newer is needed for a PostgreSQL ${serverMajor} server; ${have} on PATH or in /usr/lib/postgresql/*/bin. Install postgresql-client-${serverMajor} (Debian: apt-get install postgresql-client).`,
  };
}
