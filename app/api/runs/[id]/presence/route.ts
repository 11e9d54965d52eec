import { NextResponse } from "next/server";
import { z } from "zod";
import { route } from "@/lib/http/route";
import { runEventsHub } from "@/lib/live/run-events-hub";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// Who is watching a run now, as this instance knows it (its own streams plus what the other
// instances announced). The page gets the same list live as `presence` events on the stream.
export const GET = route({ permission: "run.view", params: z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }), scope: (p) => ({ runId: p.id }) }, async ({ params }) => {
  return NextResponse.json({ watchers: runEventsHub().presence.list(params.id) }, { headers: { "cache-control": "no-store" } });
});
