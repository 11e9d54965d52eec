import "server-only";
import { db } from "@/lib/db";
import type { RunEventRecord } from "./event-types";
import { readStateEvents, toRecord } from "./events";
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

export async function readPageEvents(runId: string, tailChars = PAGE_OUTPUT_TAIL_CHARS): Promise<PageEvents> {
  const [state, sizes] = await Promise.all([
    readStateEvents(runId),
    db.$queryRaw<{ seq: number; stepId: string | null; attempt: number | null; chars: number }[]>`
      SELECT seq, "stepId", (payload->>'attempt')::int AS attempt, octet_length(payload::text)::int AS chars
      FROM "RunEvent" WHERE "runId" = ${runId} AND type = 'step.output' ORDER BY seq DESC`,
  ]);
  const latest = new Map<string, number>();
  for (const e of state) if (e.type === "step.queued") latest.set(e.stepId, e.payload.attempt);
  const outputs = sizes.flatMap((r) => (r.stepId && r.attempt !== null ? [{ seq: r.seq, stepId: r.stepId, attempt: r.attempt, chars: r.chars }] : []));
  const { keep, elided } = chooseOutputTail(outputs, latest, tailChars);
  const rows =
    keep.length === 0
      ? []
      : await db.runEvent.findMany({
          where: { runId, seq: { in: keep } },
          select: { seq: true, type: true, stepId: true, actor: true, payload: true, createdAt: true },
        });
  const events = [...state, ...rows.map(toRecord)].sort((a, b) => a.seq - b.seq);
  return { events, elided };
}
