import "server-only";
import { env } from "@/lib/env";

/** Whether generic OIDC sign-in is configured (issuer, client id and secret all set). */
export function oidcConfigured(): boolean {
  const e = env();
  return Boolean(e.DESK_OIDC_ISSUER && e.DESK_OIDC_CLIENT_ID && e.DESK_OIDC_CLIENT_SECRET);
}
