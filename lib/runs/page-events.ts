import "server-only";
import { db } from "@/lib/db";
import type { RunEventRecord } from "./event-types";
import { readEventsAt, readStateEvents } from "./events";
import { chooseOutputTail, type ElidedOutput } from "./output-tail";

// What the run page is rendered from: every state event, and of each step's output only the
// current attempt's last PAGE_OUTPUT_TAIL_CHARS. A step that printed 10 MB used to put all of it
// (as JSON inside the HTML) into every page load; now the page shows the tail at once and the
// browser fetches the head (ElidedOutput) from /api/runs/[id]/steps/[stepId]/earlier.

export const PAGE_OUTPUT_TAIL_CHARS = 64 * 1024;

export interface PageEvents {
  events: RunEventRecord[];
  elided: ElidedOutput[];
}

// Sizes are the chunks' own text (a table's rows as JSON), read in place: serialising each whole
// payload to text to measure it took 3–4 times as long on every page load (45 vs 12 ms for 10 MB).
export async function readPageEvents(runId: string, tailChars = PAGE_OUTPUT_TAIL_CHARS): Promise<PageEvents> {
  const [state, sizes] = await Promise.all([
    readStateEvents(runId),
    db.$queryRaw<{ seq: number; stepId: string | null; attempt: number | null; chars: number }[]>`
      SELECT seq, "stepId", (payload->>'attempt')::int AS attempt,
        (SELECT coalesce(sum(length(coalesce(c->>'text', (c->'rows')::text))), 0) FROM jsonb_array_elements(payload->'chunks') c)::int AS chars
      FROM "RunEvent" WHERE "runId" = ${runId} AND type = 'step.output' ORDER BY seq DESC`,
  ]);
  const latest = new Map<string, number>();
  for (const e of state) if (e.type === "step.queued") latest.set(e.stepId, e.payload.attempt);
  const outputs = sizes.flatMap((r) => (r.stepId && r.attempt !== null ? [{ seq: r.seq, stepId: r.stepId, attempt: r.attempt, chars: r.chars }] : []));
  const { keep, elided } = chooseOutputTail(outputs, latest, tailChars);
  const events = [...state, ...(await readEventsAt(runId, keep))].sort((a, b) => a.seq - b.seq);
  return { events, elided };
}
