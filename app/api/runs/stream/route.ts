import { targetsAllowed } from "@/lib/auth/permissions";
import { noParams, route } from "@/lib/http/route";
import { runsOverviewFeed, runsOverviewStream } from "@/lib/live/runs-overview-feed";
import { sseResponse } from "@/lib/http/sse-response";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// The runs overview, live (app/runs/runs-overview.tsx): SSE `runs` events, each the whole list of
// runs the user may view (run.view on their target), sent on connect and whenever it changes.
// Every message is complete, so a reconnect needs no Last-Event-ID.
export const GET = route({ permission: "runbook.read", params: noParams }, async ({ req, user }) => {
  const body = await runsOverviewStream({
    feed: runsOverviewFeed(),
    allowed: user ? targetsAllowed(user.grants, "run.view") : [],
    signal: req.signal,
  });
  return sseResponse(body);
});
