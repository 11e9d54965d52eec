import { z } from "zod";
import { HttpError, route } from "@/lib/http/route";
import { latestAttempt, stepOutputStream } from "@/lib/runs/step-output-export";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// The head of a step's output that the run page left out (lib/runs/page-events.ts): the output
// events of ?attempt=N up to ?through=SEQ, one JSON array of chunks per line (NDJSON), streamed
// from the event log page by page. Viewing a run is not an export, so this is not audited.
const numberSchema = z.coerce.number().int().min(1).max(2_147_483_647);

export const GET = route(
  {
    permission: "run.view",
    params: z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), stepId: z.string().min(1).max(200) }),
    scope: (p) => ({ runId: p.id }),
  },
  async ({ req, params }) => {
    const query = new URL(req.url).searchParams;
    const attempt = numberSchema.safeParse(query.get("attempt"));
    const through = numberSchema.safeParse(query.get("through"));
    if (!attempt.success || !through.success) throw new HttpError(400, "`attempt` and `through` must be whole numbers from 1.");
    const latest = await latestAttempt(params.id, params.stepId);
    if (latest === null) throw new HttpError(404, "This step has not run in this run: there is no output.");
    if (attempt.data > latest) throw new HttpError(404, `This step has no attempt ${attempt.data} (the latest is ${latest}).`);
    return new Response(stepOutputStream(params.id, params.stepId, attempt.data, { throughSeq: through.data, format: "ndjson" }), {
      headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" },
    });
  },
);
