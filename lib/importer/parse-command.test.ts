import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseCommand } from "@/cli/commands/parse";
import { seedDir } from "./test-helpers";

function capture(): { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  return { out: () => out, err: () => err };
}

afterEach(() => vi.restoreAllMocks());

describe("desk parse", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "desk-parse-"));

  it("prints one JSON object without the text field and exits 0", async () => {
    const io = capture();
    const code = await parseCommand([path.join(seedDir, "004_b6b2bce8cb82e4bb.md"), "--json"]);
    expect(code).toBe(0);
    const parsed: unknown = JSON.parse(io.out());
    expect(parsed).toMatchObject({ title: "Rollback Plan", lineCount: 674 });
    expect(parsed).not.toHaveProperty("text");
  });

  it("prints a human summary without --json", async () => {
    const io = capture();
    expect(await parseCommand([path.join(seedDir, "000_09e2d17abb499607.md")])).toBe(0);
    expect(io.out()).toMatch(/steps:\s+22/);
  });

  it("exits 2 for missing, binary, non-UTF-8 and oversize files", async () => {
    const binary = path.join(dir, "bin.md");
    writeFileSync(binary, Buffer.from([0x23, 0x00, 0x01]));
    const latin1 = path.join(dir, "latin1.md");
    writeFileSync(latin1, Buffer.from([0x23, 0x20, 0xe9, 0x0a]));
    const big = path.join(dir, "big.md");
    writeFileSync(big, "a".repeat(5 * 1024 * 1024 + 1));
    for (const [file, message] of [
      [path.join(dir, "nope.md"), /no such file/],
      [binary, /binary/],
      [latin1, /not valid UTF-8/],
      [big, /larger than 5 MB/],
      [dir, /directory/],
    ] as const) {
      const io = capture();
      expect(await parseCommand([file, "--json"])).toBe(2);
      expect(io.err()).toMatch(message);
      expect(io.out()).toBe("");
      vi.restoreAllMocks();
    }
  });

  it("exits 2 with usage when no file is given", async () => {
    const io = capture();
    expect(await parseCommand([])).toBe(2);
    expect(io.err()).toMatch(/usage: desk parse/);
  });
});
