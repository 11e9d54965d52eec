import { route } from "@/lib/http/route";
import { stepOutputStream } from "@/lib/runs/step-output-export";
import { requestedAttempt, stepParams } from "../step-attempt";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// A step's complete output as a text file (the run page's "Download full output"): every stored
// chunk of one attempt (?attempt=N, default the latest), streamed from the event log in pages.
export const GET = route(
  { permission: "run.view", params: stepParams, scope: (p) => ({ runId: p.id }), audit: "export.step_output" },
  async ({ req, params }) => {
    const attempt = await requestedAttempt(params.id, params.stepId, new URL(req.url).searchParams.get("attempt"));
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
