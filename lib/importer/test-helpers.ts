import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import type { ParsedRunbook } from "./types";

// Shared by the importer tests: where the seeds live and the invariants every parse must keep.

export const repoRoot = path.resolve(__dirname, "../..");
export const seedDir = path.resolve(repoRoot, "../shared/runbooks");
export const fixtureDir = path.resolve(repoRoot, "fixtures/runbooks");

export function readSeed(prefix: string): string {
  const names = ["000_09e2d17abb499607.md", "001_48a47266e6aa5060.md", "002_750a678f6f44eae9.md", "003_97257387ec705472.md", "004_b6b2bce8cb82e4bb.md"];
  const name = names.find((n) => n.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix}`);
  return readFileSync(path.join(seedDir, name), "utf8");
}

export function readFixture(name: string): string {
  return readFileSync(path.join(fixtureDir, name), "utf8");
}

// Lines as CommonMark counts them (a final line ending does not open a new line).
export function rawLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

// Independent fence scan: opening lines of fenced blocks (any indentation), with their language.
export function fenceOpenings(text: string): { line: number; lang: string }[] {
  const out: { line: number; lang: string }[] = [];
  let open: string | null = null;
  rawLines(text).forEach((l, i) => {
    const m = /^\s*(`{3,}|~{3,})\s*([^\s{`]*)/.exec(l);
    if (!m) return;
    if (open === null) {
      open = m[1] ?? "```";
      out.push({ line: i + 1, lang: m[2] ?? "" });
    } else if ((m[1] ?? "").startsWith(open) && (m[2] ?? "") === "") open = null;
  });
  return out;
}

export function insideFences(text: string): Set<number> {
  const inside = new Set<number>();
  let open = false;
  rawLines(text).forEach((l, i) => {
    const fence = /^\s*(`{3,}|~{3,})/.test(l);
    if (fence) {
      inside.add(i + 1);
      open = !open;
    } else if (open) inside.add(i + 1);
  });
  return inside;
}

export function expectFullCoverage(r: ParsedRunbook, text: string): void {
  expect(r.lineCount).toBe(rawLines(text).length);
  let next = 1;
  for (const b of r.blocks) {
    expect(b.lines[0]).toBe(next);
    expect(b.lines[1]).toBeGreaterThanOrEqual(b.lines[0]);
    next = b.lines[1] + 1;
  }
  expect(next - 1).toBe(r.lineCount);
}

export function expectEachInExactlyOne(ranges: [number, number][], lines: number[]): void {
  for (const line of lines) {
    const holders = ranges.filter(([s, e]) => s <= line && line <= e);
    expect(holders.length, `line ${line} should lie in exactly one range`).toBe(1);
  }
}
