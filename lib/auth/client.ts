"use client";

import { createAuthClient } from "better-auth/react";

// The browser side of better-auth: requests go to /api/auth on this same origin.
export const authClient = createAuthClient();

/** Starts the generic OIDC sign-in (better-auth's generic-oauth endpoint) and follows it. */
export async function signInWithOidc(callbackURL: string): Promise<string | null> {
  const res = await fetch("/api/auth/sign-in/oauth2", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ providerId: "oidc", callbackURL }),
  });
  const body = (await res.json().catch(() => null)) as { url?: string; message?: string } | null;
  if (res.ok && body?.url) {
    window.location.assign(body.url);
    return null;
  }
  return body?.message ?? `Single sign-on is unavailable (${res.status}).`;
}
