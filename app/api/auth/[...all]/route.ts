import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/auth";

export const dynamic = "force-dynamic";

// better-auth's own endpoints (sign-in, sign-out, sessions, OIDC callback). They are public by
// nature and guarded by better-auth itself: origin check, rate limits, session validation.
export const { GET, POST } = toNextJsHandler((req: Request) => auth().handler(req));
