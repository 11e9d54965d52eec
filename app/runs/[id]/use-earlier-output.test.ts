import { describe, expect, it } from "vitest";
import { emptyRun, emptyStep } from "@/lib/runs/project";
import { withHead } from "./use-earlier-output";
import type { RunEventsCache } from "./use-run-events";

describe("withHead", () => {
  const head = { stepId: "x", attempt: 1, events: 1, chars: 5, throughSeq: 3 };
  const cache: RunEventsCache = {
    events: [],
    view: { ...emptyRun(), steps: { x: { ...emptyStep(), attempt: 1, output: [{ stream: "stdout", text: "tail\n" }] } } },
    missing: [head],
  };
  const text = (c: RunEventsCache) => c.view.steps["x"]?.output.map((o) => (o.stream === "table" ? "" : o.text)).join("");

  it("puts a missing head in front once; the cache then no longer lists it", () => {
    const once = withHead(cache, head, [{ stream: "stdout", text: "head\n" }]);
    expect(text(once)).toBe("head\ntail\n");
    expect(once.missing).toEqual([]);
    // Fetched twice (a page mounted again on the same cache): added only once.
    expect(withHead(once, head, [{ stream: "stdout", text: "head\n" }])).toBe(once);
  });

  it("ignores a head the cache does not list (it came with another page load)", () => {
    expect(withHead(cache, { ...head }, [{ stream: "stdout", text: "head\n" }])).toBe(cache);
  });
});
