import { describe, expect, it } from "vitest";
import type { RunEventRecord } from "./event-types";
import { applyEvent, applyEvents, emptyRun, projectRun } from "./project";

// applyEvents appends output in place for speed; it must give exactly what folding applyEvent
// gives, and never touch the arrays of a view it was handed (they may be on screen).

let seq = 0;
const at = "2026-11-22T00:00:00.000Z";
const ev = (body: Record<string, unknown>): RunEventRecord => ({ seq: ++seq, actor: null, at, ...body }) as RunEventRecord;
const out = (stepId: string, attempt: number, text: string) => ev({ type: "step.output", stepId, payload: { attempt, chunks: [{ stream: "stdout", text }] } });

function history(): RunEventRecord[] {
  seq = 0;
  const events: RunEventRecord[] = [
    ev({ type: "step.queued", stepId: "a", actor: "x", payload: { attempt: 1, rehearsal: false, confirmation: null } }),
    ev({ type: "step.queued", stepId: "b", actor: "y", payload: { attempt: 1, rehearsal: false, confirmation: null } }),
  ];
  for (let i = 0; i < 500; i++) events.push(out("a", 1, `a${i}\n`), out("b", 1, `b${i}\n`));
  events.push(ev({ type: "step.queued", stepId: "a", payload: { attempt: 2, rehearsal: false, confirmation: null } }));
  for (let i = 0; i < 50; i++) events.push(out("a", 2, `retry ${i}\n`), out("a", 1, `late ${i}\n`));
  return events;
}

describe("applyEvents", () => {
  it("equals folding applyEvent, for a whole log and for any split of it", () => {
    const events = history();
    const folded = events.reduce(applyEvent, emptyRun());
    expect(projectRun(events)).toEqual(folded);
    for (const cut of [1, 2, 777, events.length - 1]) {
      expect(applyEvents(applyEvents(emptyRun(), events.slice(0, cut)), events.slice(cut))).toEqual(folded);
    }
    expect(folded.steps.a?.output).toHaveLength(50);
    expect(folded.steps.b?.output).toHaveLength(500);
  });

  it("never mutates the view it is given", () => {
    const events = history();
    const before = applyEvents(emptyRun(), events.slice(0, 600));
    const snapshot = structuredClone(before);
    const after = applyEvents(before, events.slice(600));
    expect(before).toEqual(snapshot);
    expect(after.steps.b?.output).not.toBe(before.steps.b?.output);
  });
});
