import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { benchServices } from "./bench-services";

// bench:restore — bare `pg_restore -d fresh file` vs the desk's restore step (sha256 of the set
// against its MANIFEST, pre-restore counts, pg_restore --single-transaction, verification of rows,
// enum values and labels, FK orphans, indexes and constraints), each into a fresh database, side by
// side, at --rows and at 1k rows. Last line: one JSON object.
const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" }, iterations: { type: "string", default: "3" } } });
const rows = Number(values.rows);
const iterations = Number(values.iterations);
const SMALL = 1000;

async function main(): Promise<void> {
  const services = await benchServices();
  const { startEmbeddedS3 } = await import("@/lib/embedded/s3");
  const { runBackup } = await import("@/lib/backups/backup");
  const { runRestore } = await import("@/lib/backups/restore");
  const { dropDatabase, ensureDatabase, withDatabase } = await import("@/lib/services/pg-admin");
  const b = await import("@/lib/backups/bench-support");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-restore-"));
  const s3 = await startEmbeddedS3({ dataDir: work, preferredPort: 0, bucket: "bench" });
  const storage = b.benchStorage(s3, "bench");
  const admin = withDatabase(services.sandboxUrl, "postgres");
  let fresh = 0;
  const freshDb = async () => {
    const name = `restore_bench_${fresh++}`;
    await ensureDatabase(admin, name);
    return { url: withDatabase(services.sandboxUrl, name), drop: () => dropDatabase(admin, name) };
  };
  try {
    const measure = async (schema: string, n: number) => {
      await b.seedBenchSchema(services.sandboxUrl, schema, n);
      const file = path.join(work, `${schema}.dump`);
      await b.bareDump(services.sandboxUrl, schema, file);
      const backup = await runBackup(`pg_dump -Fc -n ${schema} -f ${schema}.dump`, b.benchContext(services.sandboxUrl, work, { BACKUP_DIR: path.join(work, "sets") }), { storage });
      if (backup.status !== "succeeded") throw new Error(`desk backup ${backup.status}: ${backup.error}`);
      const setDir = backup.produced.BACKUP_DIR ?? "";
      const bare: number[] = [];
      const desk: number[] = [];
      let checks = 0;
      for (let i = 0; i <= iterations; i++) {
        const one = await freshDb();
        const t1 = await b.timed(() => b.bareRestore(one.url, file));
        await one.drop();
        const two = await freshDb();
        const ctx = b.benchContext(two.url, work);
        const t2 = await b.timed(() => runRestore(`pg_restore ${setDir}`, ctx, { storage }));
        await two.drop();
        if (t2.result.status !== "succeeded") throw new Error(`desk restore ${t2.result.status}: ${t2.result.error}`);
        const table = ctx.chunks.find((c) => c.stream === "table");
        checks = table && table.stream === "table" ? table.rowCount : 0;
        // The first round warms caches for both; it is not counted.
        if (i === 0) continue;
        bare.push(t1.seconds);
        desk.push(t2.seconds);
      }
      return { bare: b.median(bare), desk: b.median(desk), checks };
    };
    const big = await measure("bench_big", rows);
    const small = rows === SMALL ? big : await measure("bench_small", SMALL);
    console.log(`${rows} rows: bare ${big.bare.toFixed(3)} s, desk ${big.desk.toFixed(3)} s (${big.checks} checks); ${SMALL} rows: bare ${small.bare.toFixed(3)} s, desk ${small.desk.toFixed(3)} s`);
    console.log(
      JSON.stringify({
        rows,
        bareSeconds: b.round(big.bare),
        deskSeconds: b.round(big.desk),
        ratio: b.round(big.desk / big.bare, 2),
        verificationChecks: big.checks,
        smallRows: SMALL,
        smallBareSeconds: b.round(small.bare),
        smallDeskSeconds: b.round(small.desk),
        iterations,
        goals: { ratio: 1.25, smallDeskSeconds: 0.5 },
      }),
    );
  } finally {
    await s3.stop();
    await services.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
