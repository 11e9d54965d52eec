import { auth } from "@/lib/auth/auth";
import type { Role } from "@/lib/auth/permissions";
import { createLocalUser, grantRole } from "@/lib/auth/users";

// Real users, real better-auth sessions: each test user signs in through better-auth and the
// test sends its session cookie, as a browser would.

export const PASSWORD = "correct horse battery staple";

export interface TestUser {
  id: string;
  email: string;
  cookie: string;
}

export async function signIn(email: string, password = PASSWORD): Promise<string> {
  const res = await auth().api.signInEmail({ body: { email, password }, asResponse: true });
  if (!res.ok) throw new Error(`sign-in of ${email} failed: ${res.status}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
  return cookies.filter(Boolean).join("; ");
}

export async function makeUser(name: string, grants: { role: Role; targetName?: string | null }[]): Promise<TestUser> {
  const email = `${name}-${Math.random().toString(36).slice(2, 8)}@desk.test`;
  const { id } = await createLocalUser({ email, name, password: PASSWORD });
  for (const g of grants) await grantRole(id, g.role, g.targetName ?? null, "test");
  return { id, email, cookie: await signIn(email) };
}

/** Headers of a request from this user (or an anonymous one). */
export function requestHeaders(user: TestUser | null, extra: Record<string, string> = {}): Headers {
  return new Headers({ ...(user ? { cookie: user.cookie } : {}), "x-forwarded-for": "203.0.113.7", ...extra });
}
