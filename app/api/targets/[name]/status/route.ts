import { NextResponse } from "next/server";
import { z } from "zod";
import { route } from "@/lib/http/route";
import { checkTarget } from "@/lib/services/targets";

export const dynamic = "force-dynamic";

export const GET = route({ permission: "target.read", params: z.object({ name: z.string().min(1).max(100) }) }, async ({ params }) =>
  NextResponse.json(await checkTarget(params.name), { headers: { "cache-control": "no-store" } }),
);
