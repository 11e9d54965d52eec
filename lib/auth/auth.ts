import "server-only";
import { betterAuth, type BetterAuthPlugin } from "better-auth";
import { nextCookies } from "better-auth/next-js";
import { createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import pg from "pg";
import { deriveSecret } from "@/lib/crypto";
import { env } from "@/lib/env";
import { oidcConfigured } from "./oidc-config";
import { recordSignIn, recordSignOut } from "./sign-in-audit";

// Sign-in is better-auth (sessions, password hashing, OIDC, rate limiting, origin checks); roles
// and the audit trail are ours (lib/auth/permissions, lib/audit). Public sign-up is off: accounts
// are made by an admin, the first-start setup link, or an OIDC sign-in (which gets no role).

const LOCAL_HOSTS = ["localhost", "localhost:*", "127.0.0.1", "127.0.0.1:*", "[::1]", "[::1]:*"];

function oidcPlugins(): BetterAuthPlugin[] {
  const e = env();
  if (!oidcConfigured() || !e.DESK_OIDC_ISSUER || !e.DESK_OIDC_CLIENT_ID || !e.DESK_OIDC_CLIENT_SECRET) return [];
  return [
    genericOAuth({
      config: [
        {
          providerId: "oidc",
          discoveryUrl: `${e.DESK_OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
          clientId: e.DESK_OIDC_CLIENT_ID,
          clientSecret: e.DESK_OIDC_CLIENT_SECRET,
          scopes: e.DESK_OIDC_SCOPES.split(/\s+/).filter(Boolean),
          pkce: true,
        },
      ],
    }),
  ];
}

function create() {
  const e = env();
  const publicUrl = e.DESK_PUBLIC_URL;
  return betterAuth({
    appName: "Runbook Desk",
    // Its own small pool: better-auth talks SQL through Kysely, the app through Prisma.
    database: new pg.Pool({ connectionString: e.DATABASE_URL, max: 4 }),
    secret: deriveSecret("better-auth"),
    // Without a configured public URL the desk answers on whatever loopback address it is reached.
    baseURL: publicUrl ?? { allowedHosts: LOCAL_HOSTS, protocol: "http", fallback: `http://localhost:${e.PORT}` },
    user: { modelName: "User" },
    session: { modelName: "Session", expiresIn: 60 * 60 * 12, updateAge: 60 * 60 },
    account: { modelName: "Account" },
    verification: { modelName: "Verification" },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12 },
    rateLimit: {
      enabled: true,
      storage: "database",
      modelName: "RateLimit",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: e.DESK_SIGNIN_MAX_PER_MINUTE },
        "/sign-in/oauth2": { window: 60, max: e.DESK_SIGNIN_MAX_PER_MINUTE },
      },
    },
    advanced: {
      useSecureCookies: publicUrl?.startsWith("https://") ?? false,
      cookiePrefix: "desk",
      // better-auth skips its origin check when NODE_ENV=test; keep it on everywhere.
      disableOriginCheck: false,
    },
    databaseHooks: {
      session: { create: { after: (session) => recordSignIn(session) } },
    },
    hooks: {
      // Before sign-out, while the session still says who is leaving.
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-out" && ctx.path !== "/revoke-sessions") return;
        const session = await getSessionFromCtx(ctx).catch(() => null);
        if (session) await recordSignOut(session.user, ctx.path === "/revoke-sessions", ctx.request?.headers ?? null);
      }),
    },
    // nextCookies last: it lets server actions set the session cookie.
    plugins: [...oidcPlugins(), nextCookies()],
  });
}

type Auth = ReturnType<typeof create>;
const globalForAuth = globalThis as unknown as { deskAuth?: Auth };

export function auth(): Auth {
  globalForAuth.deskAuth ??= create();
  return globalForAuth.deskAuth;
}
