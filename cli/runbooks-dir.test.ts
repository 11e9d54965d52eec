import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importFolder } from "./after-boot";
import { watchRunbooksDir } from "./runbooks-dir";

// RUNBOOKS_DIR: every .md imported at start; a changed file becomes a new version; an unchanged
// save or a broken file changes nothing and says why.
async function versionsOf(slug: string): Promise<number[]> {
  const rows = await db.runbookVersion.findMany({ where: { runbook: { slug } }, orderBy: { number: "asc" }, select: { number: true } });
  return rows.map((r) => r.number);
}

describe("RUNBOOKS_DIR", () => {
  it("imports a folder, then re-imports a file when it changes", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "runbooks-dir-"));
    const slug = `dir-test-${Date.now().toString(36)}`;
    writeFileSync(path.join(dir, `${slug}.md`), "# Dir test\n\n```sql\nSELECT 1;\n```\n");
    writeFileSync(path.join(dir, "notes.txt"), "not a runbook");
    writeFileSync(path.join(dir, "broken.md"), "a\u0000binary");
    const logs: string[] = [];
    expect(await importFolder(dir, `dir:${dir}`, (l) => logs.push(l))).toBe(1);
    expect(logs.some((l) => l.includes("broken.md") && l.includes("binary"))).toBe(true);
    expect(await versionsOf(slug)).toEqual([1]);
    expect(await importFolder(dir, `dir:${dir}`, () => undefined)).toBe(0);

    watchRunbooksDir(dir, (l) => logs.push(l));
    writeFileSync(path.join(dir, `${slug}.md`), "# Dir test\n\n```sql\nSELECT 2;\n```\n");
    const until = Date.now() + 15_000;
    while ((await versionsOf(slug)).length < 2) {
      if (Date.now() > until) throw new Error(`no re-import; log: ${logs.join(" | ")}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await versionsOf(slug)).toEqual([1, 2]);
  });
});
