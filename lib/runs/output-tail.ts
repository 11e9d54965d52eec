// Which output events the run page embeds (see page-events.ts). Plain module: the page's server
// loader and the browser (ElidedOutput) share it.

import type { OutputChunk } from "@/lib/executors/types";
import type { RunView } from "./project";

/** The head of a step attempt's output that the page left out: the browser loads it after. */
export interface ElidedOutput {
  stepId: string;
  attempt: number;
  // Output events left out: every one of this attempt with seq ≤ throughSeq.
  events: number;
  chars: number;
  throughSeq: number;
}

export interface OutputSize {
  seq: number;
  stepId: string;
  attempt: number;
  chars: number;
}

/**
 * From output events newest first: per step, the current attempt's newest events up to
 * `tailChars` (always at least the newest one) are kept; older ones of that attempt are elided;
 * earlier attempts' output is dropped (the page shows only a step's current attempt).
 */
export function chooseOutputTail(newestFirst: readonly OutputSize[], latestAttempt: ReadonlyMap<string, number>, tailChars: number): { keep: number[]; elided: ElidedOutput[] } {
  const keep: number[] = [];
  const used = new Map<string, number>();
  const elided = new Map<string, ElidedOutput>();
  for (const e of newestFirst) {
    if (latestAttempt.get(e.stepId) !== e.attempt) continue;
    const head = elided.get(e.stepId);
    if (head) {
      head.events++;
      head.chars += e.chars;
      continue;
    }
    const sum = used.get(e.stepId);
    if (sum === undefined || sum + e.chars <= tailChars) {
      keep.push(e.seq);
      used.set(e.stepId, (sum ?? 0) + e.chars);
    } else {
      elided.set(e.stepId, { stepId: e.stepId, attempt: e.attempt, events: 1, chars: e.chars, throughSeq: e.seq });
    }
  }
  return { keep, elided: [...elided.values()] };
}

/**
 * The elided head put back in front of the output the view holds, if the step is still on that
 * attempt (a retry started meanwhile replaces the output: the head belongs to nobody then).
 * Everything in the head is older than the kept tail and anything the stream added since.
 */
export function prependOutput(view: RunView, head: ElidedOutput, chunks: readonly OutputChunk[]): RunView {
  const step = view.steps[head.stepId];
  if (!step || step.attempt !== head.attempt || chunks.length === 0) return view;
  return { ...view, steps: { ...view.steps, [head.stepId]: { ...step, output: [...chunks, ...step.output] } } };
}
