import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { tryAppendAudit } from "@/lib/audit/append";
import { actorLabel } from "@/lib/auth/actor-label";
import { authorize, ForbiddenError, UnauthenticatedError, type ScopeRef } from "@/lib/auth/authorize";
import type { Permission } from "@/lib/auth/permissions";
import { clientIp } from "@/lib/auth/client-ip";
import { userFromHeaders, type DeskUser } from "@/lib/auth/session";
import { GENERIC_ERROR, SafeError } from "@/lib/errors";

// Every route handler (health, SSE, exports) goes through here: the permission checked before
// the handler runs, validated params, and one error shape, `{ error: { message } }`.

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

export interface RouteSpec<S extends z.ZodType> {
  // "public": no session needed (health checks).
  permission: Permission | "public";
  params: S;
  // What a target-scoped permission is checked against.
  scope?: (params: z.infer<S>) => ScopeRef;
  // Exports and downloads are recorded in the audit trail under this name.
  audit?: string;
}

interface Ctx<P> {
  req: Request;
  params: P;
  user: DeskUser | null;
}

export type RouteHandler = ((req: Request, ctx: { params?: Promise<unknown> }) => Promise<Response>) & {
  permission: Permission | "public";
};

export function route<S extends z.ZodType>(spec: RouteSpec<S>, handler: (ctx: Ctx<z.infer<S>>) => Promise<Response>): RouteHandler {
  const fn = async (req: Request, ctx: { params?: Promise<unknown> }) => {
    // Routes without dynamic segments get no params at all.
    const parsed = spec.params.safeParse((await ctx?.params) ?? {});
    if (!parsed.success) return jsonError(400, `Invalid parameters: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
    try {
      let user: DeskUser | null = null;
      if (spec.permission !== "public") {
        const ref = spec.scope ? spec.scope(parsed.data) : null;
        user = await userFromHeaders(req.headers);
        try {
          const allowed = await authorize(user, spec.permission, ref);
          if (spec.audit) await auditRoute(req, spec.audit, allowed.user, allowed.targetName, ref);
        } catch (e) {
          if (e instanceof ForbiddenError) await auditRoute(req, spec.audit ?? `route.${spec.permission}`, user, e.targetName, ref, "denied");
          throw e;
        }
      }
      return await handler({ req, params: parsed.data, user });
    } catch (e) {
      if (e instanceof UnauthenticatedError) return jsonError(401, e.message);
      if (e instanceof ForbiddenError) return jsonError(403, e.message);
      if (e instanceof HttpError) return jsonError(e.status, e.message);
      if (e instanceof SafeError) return jsonError(400, e.message);
      console.error(`[route ${new URL(req.url).pathname}]`, e);
      return jsonError(500, GENERIC_ERROR);
    }
  };
  return Object.assign(fn, { permission: spec.permission });
}

function auditRoute(req: Request, action: string, user: DeskUser | null, targetName: string | null, ref: ScopeRef, outcome: "ok" | "denied" = "ok") {
  return tryAppendAudit({
    actorId: user?.id ?? null,
    actor: user ? actorLabel(user) : "anonymous",
    ip: clientIp(req.headers),
    action,
    outcome,
    targetName,
    runId: ref && "runId" in ref ? ref.runId : null,
    detail: { path: new URL(req.url).pathname, query: new URL(req.url).search.slice(0, 200) },
  });
}

export const noParams = z.object({}).passthrough();
