import pg from "pg";

// The statistics describe exactly what pg_dump saw: the desk exports a snapshot, pg_dump dumps
// in it (--snapshot) and the counting connections import it. The exporting transaction stays open
// until pg_dump has finished (closing it would invalidate the snapshot pg_dump is importing).

export interface SnapshotSession {
  main: pg.Client;
  counters: pg.Client[];
  snapshot: string | null;
  note: string | null;
  close(): Promise<void>;
}

export async function openSnapshotSession(url: string, given: string | null, extraCounters: number): Promise<SnapshotSession> {
  const main = new pg.Client({ connectionString: url, application_name: "runbook-desk-backup" });
  await main.connect();
  const counters: pg.Client[] = [];
  const close = async () => {
    await Promise.all([main, ...counters].map((c) => c.query("ROLLBACK").catch(() => undefined).then(() => c.end().catch(() => undefined))));
  };
  try {
    await main.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    let snapshot = given;
    let note: string | null = null;
    if (given) await main.query(`SET TRANSACTION SNAPSHOT ${main.escapeLiteral(given)}`);
    else {
      try {
        const { rows } = await main.query<{ s: string }>("SELECT pg_export_snapshot() AS s");
        snapshot = rows[0]?.s ?? null;
      } catch (e) {
        // (not in a savepoint: a snapshot cannot be exported from a subtransaction)
        await main.query("ROLLBACK");
        await main.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        note = `no shared snapshot (${e instanceof Error ? e.message : String(e)}): statistics were taken just before the dump`;
      }
    }
    if (snapshot) {
      const opened = await Promise.all(
        Array.from({ length: extraCounters }, async () => {
          const c = new pg.Client({ connectionString: url, application_name: "runbook-desk-backup" });
          await c.connect();
          counters.push(c);
          await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
          await c.query(`SET TRANSACTION SNAPSHOT ${c.escapeLiteral(snapshot ?? "")}`);
          return c;
        }),
      );
      return { main, counters: opened, snapshot, note, close };
    }
    return { main, counters: [], snapshot, note, close };
  } catch (e) {
    await close();
    throw e;
  }
}
