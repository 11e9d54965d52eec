import { describe, expect, it } from "vitest";
import { formatBudget } from "./format-budget";
import { dedent, sliceLines, splitLines } from "./source-lines";

describe("formatBudget", () => {
  it("reads as a cap in the largest sensible unit", () => {
    expect(formatBudget(null)).toBeNull();
    expect(formatBudget(0)).toBeNull();
    expect(formatBudget(30)).toBe("≤ 30 s");
    expect(formatBudget(60)).toBe("≤ 1 min");
    expect(formatBudget(300)).toBe("≤ 5 min");
    expect(formatBudget(3600)).toBe("≤ 1 h");
    expect(formatBudget(5400)).toBe("≤ 1 h 30 min");
  });
});

describe("source lines", () => {
  it("splits like CommonMark and slices 1-based inclusive ranges", () => {
    const lines = splitLines("a\r\nb\rc\nd\n");
    expect(lines).toEqual(["a", "b", "c", "d"]);
    expect(sliceLines(lines, [2, 3])).toBe("b\nc");
  });
  it("dedents by the indentation all non-blank lines share", () => {
    expect(dedent("   one\n\n     two")).toBe("one\n\n  two");
    expect(dedent("x\n  y")).toBe("x\n  y");
  });
});
