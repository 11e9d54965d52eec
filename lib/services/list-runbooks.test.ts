import { describe, expect, it } from "vitest";
import { parseRunbook } from "@/lib/importer/parse-runbook";
import { readSeed } from "@/lib/importer/test-helpers";
import { importRunbook, listRunbooks } from "./runbooks";

// The runbook list counts steps, checks, destructive steps and scenarios of each runbook's latest
// version inside Postgres; the counts must be those of the parsed document.
describe("listRunbooks", () => {
  it("lists each runbook once with its latest version's counts", async () => {
    const tag = Date.now().toString(36);
    const seeds = ["000", "001", "002", "003", "004"];
    for (const s of seeds) await importRunbook({ text: readSeed(s), slug: `list-${tag}-${s}`, origin: "test", importedBy: "t" });
    // A second version of 000 that is seed 002's text: the list shows v2 with 002's counts.
    await importRunbook({ text: readSeed("002"), slug: `list-${tag}-000`, origin: "test", importedBy: "t" });

    const listed = (await listRunbooks()).filter((r) => r.slug.startsWith(`list-${tag}-`));
    expect(listed.map((r) => r.slug).sort()).toEqual(seeds.map((s) => `list-${tag}-${s}`));
    for (const r of listed) {
      const seed = r.slug.endsWith("-000") ? "002" : r.slug.slice(-3);
      const p = parseRunbook(readSeed(seed));
      expect(r.latest, r.slug).toEqual({
        number: r.slug.endsWith("-000") ? 2 : 1,
        steps: p.steps.length,
        checks: p.checks.length,
        destructive: p.steps.filter((s) => s.destructive).length,
        scenarios: p.scenarios.length,
      });
      expect(r.title).toBe(p.title);
    }
    // Some seed has destructive steps and scenarios: the counts are not all zero.
    expect(listed.some((r) => (r.latest?.destructive ?? 0) > 0 && (r.latest?.scenarios ?? 0) > 0)).toBe(true);
  });
});
