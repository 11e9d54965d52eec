import pg from "pg";
import { choosePgTool } from "@/lib/services/pg-tools";

/** Says up front when pg_dump/pg_restore cannot back up this server, rather than mid-incident. */
export async function preflightPgTools(url: string, log: (l: string) => void): Promise<void> {
  if (!url) return;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const r = await client.query<{ server_version_num: string }>("SHOW server_version_num");
    const major = Math.floor(Number(r.rows[0]?.server_version_num ?? "0") / 10000);
    for (const tool of ["pg_dump", "pg_restore"] as const) {
      const chosen = await choosePgTool(tool, major);
      if ("error" in chosen) log(`warning: ${chosen.error} Backup and restore steps will fail until then.`);
    }
  } catch {
    // Reachability is reported by /api/health; this check only concerns client tools.
  } finally {
    await client.end().catch(() => undefined);
  }
}
