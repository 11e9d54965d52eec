import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { auth } from "./auth";
import { makeUser, PASSWORD, type TestUser } from "@/test/auth-fixture";

// better-auth's HTTP endpoints as a browser reaches them: origin check, sign-in rate limit,
// sign-in recorded in the audit trail.

const ORIGIN = "http://localhost:3000";
let user: TestUser;

beforeAll(async () => {
  user = await makeUser("signer", [{ role: "viewer" }]);
});

function signInRequest(ip: string, password: string, origin = ORIGIN, cookie?: string): Request {
  return new Request(`${ORIGIN}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin, "x-forwarded-for": ip, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ email: user.email, password }),
  });
}

describe("sign-in over HTTP", () => {
  it("signs in, sets an httpOnly session cookie and records it in the audit trail", async () => {
    const res = await auth().handler(signInRequest("198.51.100.1", PASSWORD));
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("desk.session_token="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const audited = await db.auditEntry.findFirst({ where: { action: "auth.sign_in", ip: "198.51.100.1" }, select: { actorId: true } });
    expect(audited?.actorId).toBe(user.id);
  });

  it("refuses a cross-site request carrying the user's cookies (origin check)", async () => {
    expect((await auth().handler(signInRequest("198.51.100.2", PASSWORD, "https://evil.example", user.cookie))).status).toBe(403);
    expect((await auth().handler(signInRequest("198.51.100.2", PASSWORD, ORIGIN, user.cookie))).status).toBe(200);
  });

  it("records sign-out in the audit trail, and the session stops working", async () => {
    const res = await auth().handler(
      new Request(`${ORIGIN}/api/auth/sign-out`, { method: "POST", headers: { origin: ORIGIN, cookie: user.cookie, "x-forwarded-for": "198.51.100.9" } }),
    );
    expect(res.status).toBe(200);
    const audited = await db.auditEntry.findFirst({ where: { action: "auth.sign_out", ip: "198.51.100.9" }, select: { actorId: true } });
    expect(audited?.actorId).toBe(user.id);
    expect(await auth().api.getSession({ headers: new Headers({ cookie: user.cookie }) })).toBeNull();
  });

  it("rate-limits sign-in attempts per address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await auth().handler(signInRequest("198.51.100.3", "wrong password!!"))).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Another address is not affected.
    expect((await auth().handler(signInRequest("198.51.100.4", PASSWORD))).status).toBe(200);
  });
});
