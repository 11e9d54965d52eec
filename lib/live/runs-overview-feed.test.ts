import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { OverviewRun } from "@/lib/runs/list-runs";
import { RunsOverviewFeed, runsOverviewStream, type ChangeSource } from "./runs-overview-feed";

function run(id: string, target = "sandbox", status = "active"): OverviewRun {
  return {
    id,
    status,
    scenario: null,
    drill: false,
    startedBy: "t",
    startedAt: "2026-01-01T00:00:00.000Z",
    finishedAt: null,
    runbook: { slug: "r", title: "R", version: 1 },
    target: { name: target, protected: false },
    steps: { total: 2, done: 0, failed: 0, running: 0 },
    currentStep: null,
    lastStep: null,
    budget: null,
  };
}

function fakeSource() {
  let listener: ((runId: string, seq: number) => void) | null = null;
  const off = vi.fn();
  const source: ChangeSource = {
    onAnyRunEvent: async (l) => {
      listener = l;
      return () => {
        listener = null;
        off();
      };
    },
  };
  return { source, notify: (runId = "x") => listener?.(runId, 1), off, listening: () => listener !== null };
}

describe("RunsOverviewFeed", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reads once for a burst of changes and sends only what changed", async () => {
    let runs = [run("a")];
    const load = vi.fn(async () => runs);
    const { source, notify } = fakeSource();
    const feed = new RunsOverviewFeed({ load, source, minGapMs: 1000 });
    const got: string[][] = [];
    await feed.subscribe((r) => got.push(r.map((x) => x.id)));
    await vi.advanceTimersByTimeAsync(0);
    expect(got).toEqual([["a"]]);
    expect(load).toHaveBeenCalledTimes(1);

    // 300 notifications (a step printing fast) within one gap: one read.
    for (let i = 0; i < 300; i++) notify();
    await vi.advanceTimersByTimeAsync(1000);
    expect(load).toHaveBeenCalledTimes(2);
    // Nothing changed: nothing sent.
    expect(got).toHaveLength(1);

    runs = [run("b"), run("a")];
    notify();
    await vi.advanceTimersByTimeAsync(1000);
    expect(got).toEqual([["a"], ["b", "a"]]);
  });

  it("gives a new watcher the current snapshot without reading again", async () => {
    const load = vi.fn(async () => [run("a")]);
    const { source } = fakeSource();
    const feed = new RunsOverviewFeed({ load, source });
    await feed.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(0);
    const second = vi.fn();
    await feed.subscribe(second);
    expect(second).toHaveBeenCalledWith([run("a")]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("stops listening when the last watcher leaves, and starts again for the next", async () => {
    const load = vi.fn(async () => [run("a")]);
    const { source, off, listening } = fakeSource();
    const feed = new RunsOverviewFeed({ load, source });
    const leave = await feed.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(0);
    leave();
    await vi.advanceTimersByTimeAsync(0);
    expect(off).toHaveBeenCalledTimes(1);
    expect(listening()).toBe(false);
    const again = vi.fn();
    await feed.subscribe(again);
    await vi.advanceTimersByTimeAsync(1000);
    expect(listening()).toBe(true);
    expect(again).toHaveBeenCalledTimes(1);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("re-reads now and then even without notifications", async () => {
    const load = vi.fn(async () => [run("a")]);
    const feed = new RunsOverviewFeed({ load, source: fakeSource().source, safetyMs: 5000 });
    await feed.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(4000);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1001);
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe("runsOverviewStream", () => {
  it("sends each watcher only the runs on targets they may view", async () => {
    const feed = new RunsOverviewFeed({ load: async () => [run("a", "sandbox"), run("b", "prod")], source: fakeSource().source, minGapMs: 0 });
    const abort = new AbortController();
    const stream = await runsOverviewStream({ feed, allowed: ["prod"], signal: abort.signal });
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!text.includes("event: runs")) text += decoder.decode((await reader.read()).value);
    while (!text.endsWith("\n\n")) text += decoder.decode((await reader.read()).value);
    const data = JSON.parse(text.split("data: ")[1] ?? "{}") as { runs: OverviewRun[] };
    expect(data.runs.map((r) => r.id)).toEqual(["b"]);
    abort.abort();
    expect(feed.watcherCount).toBe(0);
  });
});
