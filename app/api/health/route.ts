import { NextResponse } from "next/server";
import { noParams, route } from "@/lib/http/route";
import { health } from "@/lib/services/health";

export const dynamic = "force-dynamic";

export const GET = route({ permission: "public", params: noParams }, async () => {
  const h = await health();
  return NextResponse.json(h, { status: h.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
});
