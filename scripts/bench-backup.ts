import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { benchServices } from "./bench-services";

// bench:backup — bare `pg_dump -Fc -n bench > file` vs the desk's backup step (the same dump
// streamed to the local set and S3, statistics in the dump's snapshot, validation, upload check,
// MANIFEST) on a throwaway cluster with an embedded S3, side by side, at --rows and at 1k rows.
// Also the RSS growth of this process during the desk backup at --rows. Last line: one JSON object.
const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" }, iterations: { type: "string", default: "3" } } });
const rows = Number(values.rows);
const iterations = Number(values.iterations);
const SMALL = 1000;

async function main(): Promise<void> {
  const services = await benchServices();
  const { startEmbeddedS3 } = await import("@/lib/embedded/s3");
  const { runBackup } = await import("@/lib/backups/backup");
  const b = await import("@/lib/backups/bench-support");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-backup-"));
  const s3 = await startEmbeddedS3({ dataDir: work, preferredPort: 0, bucket: "bench" });
  const storage = b.benchStorage(s3, "bench");
  try {
    const measure = async (schema: string, n: number) => {
      await b.seedBenchSchema(services.sandboxUrl, schema, n);
      const bare: number[] = [];
      const desk: number[] = [];
      let rssGrowthMb = 0;
      let size = 0;
      for (let i = 0; i <= iterations; i++) {
        const file = path.join(work, `bare-${schema}-${i}.dump`);
        const t1 = await b.timed(() => b.bareDump(services.sandboxUrl, schema, file));
        size = fs.statSync(file).size;
        fs.rmSync(file);
        const ctx = b.benchContext(services.sandboxUrl, work, { BACKUP_DIR: path.join(work, "sets"), RUN_ID: "bench" });
        const t2 = await b.rssGrowth(() => b.timed(() => runBackup(`pg_dump -Fc -n ${schema} -f ${schema}.dump`, ctx, { storage })));
        const res = t2.result.result;
        if (res.status !== "succeeded") throw new Error(`desk backup ${res.status}: ${res.error}`);
        fs.rmSync(res.produced.BACKUP_DIR ?? "", { recursive: true, force: true });
        // The first round warms caches (and the cluster's buffers) for both; it is not counted.
        if (i === 0) continue;
        bare.push(t1.seconds);
        desk.push(t2.result.seconds);
        rssGrowthMb = Math.max(rssGrowthMb, t2.growthMb);
      }
      return { bare: b.median(bare), desk: b.median(desk), rssGrowthMb, dumpMb: b.round(size / 1024 / 1024, 1) };
    };
    const big = await measure("bench_big", rows);
    const small = rows === SMALL ? big : await measure("bench_small", SMALL);
    console.log(`${rows} rows: bare ${big.bare.toFixed(3)} s, desk ${big.desk.toFixed(3)} s (dump ${big.dumpMb} MB); ${SMALL} rows: bare ${small.bare.toFixed(3)} s, desk ${small.desk.toFixed(3)} s`);
    console.log(
      JSON.stringify({
        rows,
        bareSeconds: b.round(big.bare),
        deskSeconds: b.round(big.desk),
        ratio: b.round(big.desk / big.bare, 2),
        dumpMb: big.dumpMb,
        rssGrowthMb: big.rssGrowthMb,
        smallRows: SMALL,
        smallBareSeconds: b.round(small.bare),
        smallDeskSeconds: b.round(small.desk),
        iterations,
        goals: { ratio: 1.25, smallDeskSeconds: 0.3, rssGrowthMb: 100 },
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
