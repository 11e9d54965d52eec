import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRunbook } from "./parse-runbook";
import { rawLines, readFixture, readSeed } from "./test-helpers";
import type { ParsedRunbook } from "./types";

const corpus = [readSeed("000"), readSeed("003"), readSeed("004"), readFixture("messy-kitchen-sink.md"), readFixture("no-headings-i18n.md")].map(
  (t) => rawLines(t).slice(0, 120), // keep documents small so thousands of runs stay fast
);

type Mutation =
  | { kind: "delete"; at: number }
  | { kind: "duplicate"; at: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "breakFence"; at: number }
  | { kind: "truncateLine"; at: number; keep: number };

const snippets = ["```", "```bash", "~~~", "    ```sql", "- [ ] task ____", "| a | b |\n|---|---|\n| ___ | x |", "<!--", "-->", "---", "# Scenario Z (5 minutes)", "$ psql -c \"select 1", "mysql> SELECT 1;", "cat <<EOF", "if true; then", "\\", "'", '"', "\u0000", "‚Äî", "ðŸ”´", "\r"];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...snippets), fc.string({ unit: "binary", maxLength: 40 })) }),
  fc.record({ kind: fc.constant("breakFence" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("truncateLine" as const), at: fc.nat(), keep: fc.nat({ max: 20 }) }),
);

function apply(lines: string[], muts: Mutation[]): string[] {
  const out = [...lines];
  for (const m of muts) {
    const i = out.length === 0 ? 0 : m.at % out.length;
    if (m.kind === "delete") out.splice(i, 1);
    else if (m.kind === "duplicate") out.splice(i, 0, out[i] ?? "");
    else if (m.kind === "insert") out.splice(i, 0, m.text);
    else if (m.kind === "breakFence") {
      const f = out.findIndex((l, k) => k >= i && /^\s*```/.test(l));
      if (f >= 0) out.splice(f, 1);
    } else out[i] = (out[i] ?? "").slice(0, m.keep);
  }
  return out;
}

function checkInvariants(r: ParsedRunbook, text: string): void {
  const expected = rawLines(text).length;
  expect(r.lineCount).toBe(expected);
  let next = 1;
  for (const b of r.blocks) {
    if (b.lines[0] !== next || b.lines[1] < b.lines[0]) throw new Error(`block ${JSON.stringify(b)} breaks coverage at ${next}`);
    next = b.lines[1] + 1;
  }
  expect(next - 1).toBe(expected);
  expect(r.warnings.filter((w) => w.startsWith("internal error"))).toEqual([]);
  for (const s of r.steps) expect(s.lines[0] >= 1 && s.lines[1] <= expected).toBe(true);
  for (const c of r.checks) expect(c.lines[0] >= 1 && c.lines[1] <= expected).toBe(true);
}

describe("parseRunbook on mutated documents", () => {
  it("never throws and always covers every line exactly once (2500 documents)", () => {
    fc.assert(
      fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(mutation, { maxLength: 12 }), fc.boolean(), (doc, muts, crlf) => {
        const lines = apply(corpus[doc] ?? [], muts);
        const text = lines.join(crlf ? "\r\n" : "\n");
        checkInvariants(parseRunbook(text), text);
      }),
      { numRuns: 2500 },
    );
  }, 300_000); // CPU-bound: ~16 s alone on 2 cores, much longer beside other test files

  it("handles arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        checkInvariants(parseRunbook(text), text);
      }),
      { numRuns: 1000 },
    );
  });

  it("handles edge inputs", () => {
    for (const text of ["", "\n", "\r\n\r\n", "```", "```\n", "---\n", "---\ntitle: [\n---\n# x", "\ufeff# BOM title", "a\rb\rc"]) {
      const r = parseRunbook(text);
      checkInvariants(r, text.replace(/^\ufeff/, ""));
    }
    expect(parseRunbook("\ufeff# BOM title").title).toBe("BOM title");
  });
});
