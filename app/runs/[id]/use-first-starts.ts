"use client";

import { useState } from "react";
import type { RunEventRecord } from "@/lib/runs/event-types";
import { useRun } from "./use-run";

/**
 * When each step first started, on any attempt (step id → ISO time): a retried step's section
 * clock keeps counting from the first try, as the report does. Read incrementally from the
 * run's event log (append-only), so a log of 10k output events is scanned once, not per render.
 */
export function useFirstStarts(): ReadonlyMap<string, string> {
  const { events } = useRun();
  const [acc] = useState(() => ({ seen: 0, last: null as RunEventRecord | null, starts: new Map<string, string>() }));
  if (events.length < acc.seen || (acc.seen > 0 && events[acc.seen - 1] !== acc.last)) {
    acc.seen = 0;
    acc.starts = new Map();
  }
  for (let i = acc.seen; i < events.length; i++) {
    const e = events[i];
    if (e?.type === "step.started" && !acc.starts.has(e.stepId)) acc.starts.set(e.stepId, e.at);
  }
  acc.seen = events.length;
  acc.last = events[events.length - 1] ?? null;
  return acc.starts;
}
