import { choosePgTool, findPgTools, type PgTool } from "@/lib/services/pg-tools";

// choosePgTool with the installed versions looked up once per process (each lookup runs every
// candidate's --version, ~100 ms): the lookup starts while the target connection opens.

type Tool = "pg_dump" | "pg_restore" | "psql";
const found = new Map<Tool, Promise<PgTool[]>>();

export function installedTools(tool: Tool): Promise<PgTool[]> {
  let p = found.get(tool);
  if (!p) {
    p = findPgTools(tool);
    found.set(tool, p);
    // A failed or empty lookup is retried next time (someone may install the client meanwhile).
    p.then(
      (list) => list.length === 0 && found.delete(tool),
      () => found.delete(tool),
    );
  }
  return p;
}

/** The lowest installed version ≥ serverMajor, or choosePgTool's message naming what to install. */
export async function pickTool(tool: "pg_dump" | "pg_restore", serverMajor: number): Promise<{ tool: PgTool } | { error: string }> {
  const fit = (await installedTools(tool)).find((t) => t.major >= serverMajor);
  if (fit) return { tool: fit };
  found.delete(tool);
  return choosePgTool(tool, serverMajor);
}
