import { describe, expect, it } from "vitest";
import { contentHash } from "@/lib/services/runbooks";
import { bigRunbook } from "./big-runbook";
import { OFF_THREAD_MIN_CHARS, offThreadParses, parseRunbookAsync as parseWithHash } from "./parse-off-thread";
import { parseRunbook } from "./parse-runbook";
import { readSeed } from "./test-helpers";

// Big documents are parsed on a worker thread: same result, and this thread keeps running.
const seeds = ["000", "001", "002", "003", "004"].map(readSeed);
const bigDocument = () => bigRunbook(seeds, OFF_THREAD_MIN_CHARS * 2);
// As the import service calls it: with the text's content hash.
const parseRunbookAsync = (text: string) => parseWithHash(text, contentHash(text));

describe("parseRunbookAsync", () => {
  it("parses a big document off this thread, to the same result as parseRunbook", async () => {
    const text = bigDocument();
    // Warm the worker (its first start loads the importer) on other text (the same would come
    // from the cache), then measure the longest pause of a 5 ms timer on this thread while a
    // parse of several hundred ms runs there.
    await parseRunbookAsync(`# Warm-up\n\n${text}`);
    let last = performance.now();
    let longestPause = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longestPause = Math.max(longestPause, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const parsed = await parseRunbookAsync(text);
    const tookMs = performance.now() - started;
    clearInterval(timer);
    expect(parsed).toEqual(parseRunbook(text));
    expect(parsed.steps.length).toBeGreaterThan(100);
    // In-thread, the timer could not fire at all until the parse was over.
    expect(tookMs).toBeGreaterThan(200);
    expect(longestPause).toBeLessThan(tookMs / 2);
  }, 60_000);

  it("parses several documents at once, each to its own result", async () => {
    const a = bigDocument();
    const b = `# Other\n\n${a}`;
    const [pa, pb] = await Promise.all([parseRunbookAsync(a), parseRunbookAsync(b)]);
    expect(pa.title).toBe("Copy 1");
    expect(pb.title).toBe("Other");
    expect(pb.lineCount).toBe(pa.lineCount + 2);
  }, 60_000);

  it("parses the same big text once for a preview and its save, handing each caller its own copy", async () => {
    const text = `# Twice\n\n${bigDocument()}`;
    const before = offThreadParses();
    const [preview, alsoPreview] = await Promise.all([parseRunbookAsync(text), parseRunbookAsync(text)]);
    preview.title = "changed by a caller";
    preview.steps.length = 0;
    const save = await parseRunbookAsync(text);
    expect(offThreadParses() - before).toBe(1);
    expect(save.title).toBe("Twice");
    expect(save).toEqual(alsoPreview);
    expect(save.steps.length).toBeGreaterThan(100);
    // Changed text is parsed again.
    await parseRunbookAsync(`${text}\n`);
    expect(offThreadParses() - before).toBe(2);
  }, 60_000);

  it("parses small documents right here", async () => {
    const seed = readSeed("000");
    expect(seed.length).toBeLessThan(OFF_THREAD_MIN_CHARS);
    expect(await parseRunbookAsync(seed)).toEqual(parseRunbook(seed));
  });
});
