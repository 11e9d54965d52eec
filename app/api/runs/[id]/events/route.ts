import { NextResponse } from "next/server";
import { z } from "zod";
import { HttpError, route } from "@/lib/http/route";
import { readEvents } from "@/lib/runs/events";

export const dynamic = "force-dynamic";

// Polled by the run page (app/runs/[id]/use-run-events.ts): GET ?after=<seq> → { events }.
// Bounded per request so a watcher joining a long run catches up in a few round trips.
const PAGE = 2_000;
const afterSchema = z.coerce.number().int().min(0).max(2_147_483_647);

export const GET = route({ permission: "run.view", params: z.object({ id: z.string().min(1).max(64) }), scope: (p) => ({ runId: p.id }) }, async ({ req, params }) => {
  const raw = new URL(req.url).searchParams.get("after") ?? "0";
  const after = afterSchema.safeParse(raw);
  if (!after.success) throw new HttpError(400, "`after` must be a non-negative event number.");
  const events = await readEvents(params.id, after.data, PAGE);
  // Every run starts with run.created (seq 1): nothing after 0 means there is no such run.
  if (after.data === 0 && events.length === 0) throw new HttpError(404, "No such run.");
  return NextResponse.json({ events }, { headers: { "cache-control": "no-store" } });
});
