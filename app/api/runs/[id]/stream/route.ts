import { z } from "zod";
import { HttpError, route } from "@/lib/http/route";
import { watcherName } from "@/lib/live/presence";
import { runEventsHub } from "@/lib/live/run-events-hub";
import { resumePoint, runEventStream, runExists } from "@/lib/live/run-stream";
import { sseResponse } from "@/lib/http/sse-response";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// Live run events as SSE (lib/live/run-stream.ts): GET ?after=<seq>, or the
// Last-Event-ID header on reconnect. Exactly the events after the resume point, in order, then
// the live tail.
export const GET = route({ permission: "run.view", params: z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }), scope: (p) => ({ runId: p.id }) }, async ({ req, params, user }) => {
  const after = resumePoint(req);
  if (after === null) throw new HttpError(400, "`Last-Event-ID` / `after` must be a non-negative event number.");
  if (!(await runExists(params.id))) throw new HttpError(404, "No such run.");
  const body = await runEventStream({
    hub: runEventsHub(),
    runId: params.id,
    after,
    // Watchers are who they signed in as; the name parameter is kept for scripts without a session.
    name: watcherName(user ? user.name || user.email : new URL(req.url).searchParams.get("name")),
    signal: req.signal,
  });
  return sseResponse(body);
});
