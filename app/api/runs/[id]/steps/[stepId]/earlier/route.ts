import { z } from "zod";
import { HttpError, route } from "@/lib/http/route";
import { stepOutputStream } from "@/lib/runs/step-output-export";
import { requestedAttempt, stepParams } from "../step-attempt";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// The head of a step's output that the run page left out (lib/runs/page-events.ts): the output
// events of ?attempt=N up to ?through=SEQ, one JSON array of chunks per line (NDJSON), streamed
// from the event log page by page. Viewing a run is not an export, so this is not audited.
const seqSchema = z.coerce.number().int().min(1).max(2_147_483_647);

export const GET = route({ permission: "run.view", params: stepParams, scope: (p) => ({ runId: p.id }) }, async ({ req, params }) => {
  const query = new URL(req.url).searchParams;
  const through = seqSchema.safeParse(query.get("through"));
  const raw = query.get("attempt");
  // Both are required: the page names exactly the head it lacks.
  if (raw === null || !through.success) throw new HttpError(400, "`attempt` and `through` must be whole numbers from 1.");
  const attempt = await requestedAttempt(params.id, params.stepId, raw);
  return new Response(stepOutputStream(params.id, params.stepId, attempt, { throughSeq: through.data, format: "ndjson" }), {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" },
  });
});
