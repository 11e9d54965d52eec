import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { bigRunbook } from "../lib/importer/big-runbook";
import { parseRunbook } from "../lib/importer/parse-runbook";

// Parse time for a ~1 MB runbook built from the seed runbooks and the importer fixtures
// (lib/importer/big-runbook.ts).
// Prints one JSON line last: { bytes, lines, runs, meanMs, p95Ms, maxMs }.

const repoRoot = path.resolve(__dirname, "..");
const sources = [path.resolve(repoRoot, "../shared/runbooks"), path.resolve(repoRoot, "fixtures/runbooks")];
const docs: string[] = [];
for (const dir of sources) {
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".md")).sort();
  } catch {
    continue;
  }
  for (const n of names) docs.push(readFileSync(path.join(dir, n), "utf8"));
}
if (docs.length === 0) throw new Error("no runbooks found to benchmark");

const text = bigRunbook(docs, 1024 * 1024);
const runs = Number(process.env.BENCH_RUNS ?? 10);
parseRunbook(text); // warm-up (JIT)
const times: number[] = [];
let lines = 0;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const r = parseRunbook(text);
  times.push(performance.now() - t0);
  lines = r.lineCount;
}
times.sort((a, b) => a - b);
const round = (n: number): number => Math.round(n * 10) / 10;
const mean = times.reduce((a, b) => a + b, 0) / times.length;
const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] ?? 0;
console.log(JSON.stringify({ bytes: Buffer.byteLength(text), lines, runs, meanMs: round(mean), p95Ms: round(p95), maxMs: round(times[times.length - 1] ?? 0) }));
