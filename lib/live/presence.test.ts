import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendEventsNow } from "@/lib/runs/events";
import type { RunEventRecord } from "@/lib/runs/event-types";
import { startRun } from "@/lib/runs/service";
import { setUpEngineRunbook } from "@/test/engine-fixture";
import type { PresenceEntry } from "./presence";
import { RunEventsHub, type HubSink } from "./run-events-hub";

// Two hubs in one process stand in for two app instances: each has its own LISTEN connection
// and its own watchers; run events and presence reach both through Postgres only.
let slug: string;
const a = new RunEventsHub({ instanceId: "instance-a" });
const b = new RunEventsHub({ instanceId: "instance-b" });

beforeAll(async () => {
  ({ slug } = await setUpEngineRunbook(`presence-${Date.now()}`));
});

afterAll(async () => {
  await Promise.all([a.stop(), b.stop()]);
});

type Recorder = HubSink & { events: RunEventRecord[]; seen: PresenceEntry[][] };

function recorder(): Recorder {
  const events: RunEventRecord[] = [];
  const seen: PresenceEntry[][] = [];
  return {
    events,
    seen,
    write: (batch) => {
      events.push(...batch);
      return true;
    },
    presence: (entries) => {
      seen.push(entries);
    },
    fail: (e) => {
      throw e;
    },
  };
}

async function until(pred: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("two app instances", () => {
  it("serve the same run's events and show every watcher on both", async () => {
    const { runId } = await startRun({ runbookSlug: slug, targetName: "sandbox", scenario: null, variables: {}, drill: false, actor: "commander" });
    const onA = recorder();
    const onB = recorder();
    const subA = await a.subscribe(runId, 0, "Ann", onA);
    const subB = await b.subscribe(runId, 0, "Ben", onB);
    await appendEventsNow(runId, "commander", [{ type: "comment.added", payload: { text: "both see this" } }]);
    await until(() => onA.events.some((e) => e.type === "comment.added") && onB.events.some((e) => e.type === "comment.added"));
    expect(onA.events.map((e) => e.seq)).toEqual(onB.events.map((e) => e.seq));
    const names = (r: Recorder) => (r.seen.at(-1) ?? []).map((p) => p.name);
    await until(() => names(onA).length === 2 && names(onB).length === 2);
    expect(names(onA)).toEqual(["Ann", "Ben"]);
    expect(names(onB)).toEqual(["Ann", "Ben"]);
    subB.close();
    await until(() => names(onA).length === 1);
    expect(names(onA)).toEqual(["Ann"]);
    subA.close();
  });
});
