import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { GENERIC_ERROR, SafeError } from "@/lib/errors";

// Every route handler (health, SSE, exports) goes through here: validated params and one error
// shape, `{ error: { message } }`. Authorization joins this wrapper with the identity issue.

export class HttpError extends SafeError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function jsonError(status: number, message: string): NextResponse {
  return NextResponse.json({ error: { message } }, { status });
}

type Handler<P> = (ctx: { req: Request; params: P }) => Promise<Response>;

export function route<S extends z.ZodType>(
  paramsSchema: S,
  handler: Handler<z.infer<S>>,
): (req: Request, ctx: { params?: Promise<unknown> }) => Promise<Response> {
  return async (req, ctx) => {
    // Routes without dynamic segments get no params at all.
    const parsed = paramsSchema.safeParse((await ctx?.params) ?? {});
    if (!parsed.success) return jsonError(400, `Invalid parameters: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
    try {
      return await handler({ req, params: parsed.data });
    } catch (e) {
      if (e instanceof HttpError) return jsonError(e.status, e.message);
      if (e instanceof SafeError) return jsonError(400, e.message);
      console.error(`[route ${new URL(req.url).pathname}]`, e);
      return jsonError(500, GENERIC_ERROR);
    }
  };
}

export const noParams = z.object({}).passthrough();
