import { z } from "zod";
import { HttpError, route } from "@/lib/http/route";
import { latestAttempt, stepOutputStream } from "@/lib/runs/step-output-export";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// A step's complete output as a text file (the run page's "Download full output"): every stored
// chunk of one attempt (?attempt=N, default the latest), streamed from the event log in pages.
const attemptSchema = z.coerce.number().int().min(1).max(1_000_000);

export const GET = route(
  {
    permission: "run.view",
    params: z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), stepId: z.string().min(1).max(200) }),
    scope: (p) => ({ runId: p.id }),
    audit: "export.step_output",
  },
  async ({ req, params }) => {
    const raw = new URL(req.url).searchParams.get("attempt");
    const latest = await latestAttempt(params.id, params.stepId);
    if (latest === null) throw new HttpError(404, "This step has not run in this run: there is no output.");
    let attempt = latest;
    if (raw !== null) {
      const parsed = attemptSchema.safeParse(raw);
      if (!parsed.success) throw new HttpError(400, "`attempt` must be a whole number from 1.");
      if (parsed.data > latest) throw new HttpError(404, `This step has no attempt ${parsed.data} (the latest is ${latest}).`);
      attempt = parsed.data;
    }
    const safeStep = params.stepId.replace(/[^A-Za-z0-9_-]/g, "_");
    return new Response(stepOutputStream(params.id, params.stepId, attempt), {
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "content-disposition": `attachment; filename="run-${params.id}-${safeStep}-attempt-${attempt}.txt"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
);
