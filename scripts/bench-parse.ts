import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseRunbook } from "../lib/importer/parse-runbook";

// Parse time for a ~1 MB runbook built from the seed runbooks and the importer fixtures. Each
// copy gets a numbered heading and its lines a copy marker, so no two parts are identical text.
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

const TARGET = 1024 * 1024;
const parts: string[] = [];
let size = 0;
for (let copy = 1; size < TARGET; copy++) {
  for (const doc of docs) {
    // Front matter is only valid at the very top, so strip it from later copies.
    const body = copy === 1 && parts.length === 0 ? doc : doc.replace(/^---\n[\s\S]*?\n---\n/, "");
    const part = `\n\n# Copy ${copy}\n\n${body.replace(/^(#{1,6} .*)$/gm, `$1 (copy ${copy})`)}\n`;
    parts.push(part);
    size += Buffer.byteLength(part);
    if (size >= TARGET) break;
  }
}
const text = parts.join("");
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
