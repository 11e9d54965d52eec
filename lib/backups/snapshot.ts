import pg from "pg";

// The statistics describe exactly what pg_dump saw: the desk exports a snapshot, pg_dump dumps
// in it (--snapshot) and the counting connections import it. The exporting transaction stays open
// until pg_dump has finished (closing it would invalidate the snapshot pg_dump is importing).

export interface ServerInfo {
  version: string;
  major: number;
  database: string;
  host: string | null;
}

export interface SnapshotSession {
  main: pg.Client;
  server: ServerInfo;
  snapshot: string | null;
  note: string | null;
  // Opens up to n more connections in the same snapshot (fewer if there is no snapshot).
  counters(n: number): Promise<pg.Client[]>;
  // abandon: end the connections without waiting for queries still running (the dump failed).
  close(abandon?: boolean): Promise<void>;
}

function client(url: string): pg.Client {
  return new pg.Client({ connectionString: url, application_name: "runbook-desk-backup" });
}

export async function openSnapshotSession(url: string, given: string | null): Promise<SnapshotSession> {
  const main = client(url);
  await main.connect();
  const extra: pg.Client[] = [];
  const close = async (abandon = false) => {
    await Promise.all(
      [main, ...extra].map(async (c) => {
        if (!abandon) await c.query("ROLLBACK").catch(() => undefined);
        await c.end().catch(() => undefined);
      }),
    );
  };
  try {
    const begin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    let snapshot = given;
    let note: string | null = null;
    if (given) {
      await main.query(begin);
      await main.query(`SET TRANSACTION SNAPSHOT ${main.escapeLiteral(given)}`);
    } else {
      try {
        const res = await main.query<{ s: string }>(`${begin}; SELECT pg_export_snapshot() AS s`);
        const results = Array.isArray(res) ? (res as pg.QueryResult<{ s: string }>[]) : [res];
        snapshot = results[results.length - 1]?.rows[0]?.s ?? null;
      } catch (e) {
        // (not in a savepoint: a snapshot cannot be exported from a subtransaction)
        await main.query("ROLLBACK");
        await main.query(begin);
        note = `no shared snapshot (${e instanceof Error ? e.message : String(e)}): statistics were taken just before the dump`;
      }
    }
    const { rows } = await main.query<{ v: string; n: number; db: string; host: string | null }>(
      "SELECT current_setting('server_version') AS v, current_setting('server_version_num')::int AS n, current_database() AS db, inet_server_addr()::text AS host",
    );
    const r = rows[0];
    const server: ServerInfo = { version: r?.v ?? "?", major: Math.floor((r?.n ?? 0) / 10000), database: r?.db ?? "?", host: r?.host ?? null };
    const counters = async (n: number): Promise<pg.Client[]> => {
      if (!snapshot) return [];
      return Promise.all(
        Array.from({ length: n }, async () => {
          const c = client(url);
          extra.push(c);
          await c.connect();
          await c.query(`${begin}; SET TRANSACTION SNAPSHOT ${c.escapeLiteral(snapshot ?? "")}`);
          return c;
        }),
      );
    };
    return { main, server, snapshot, note, counters, close };
  } catch (e) {
    await close();
    throw e;
  }
}
