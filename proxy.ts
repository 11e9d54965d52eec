import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";

// Optimistic redirect to sign-in when a page is asked for without a session cookie. It only reads
// the cookie's presence: pages, actions and routes check the session and roles for real.
export function proxy(request: NextRequest) {
  // Server actions (POST) answer for themselves: their middleware refuses with "Sign in first".
  if (request.method !== "GET" && request.method !== "HEAD") return NextResponse.next();
  if (getSessionCookie(request, { cookiePrefix: "desk" })) {
    // Pages that find the session expired send people back here after signing in.
    const headers = new Headers(request.headers);
    headers.set("x-desk-path", request.nextUrl.pathname + request.nextUrl.search);
    return NextResponse.next({ request: { headers } });
  }
  const url = new URL("/sign-in", request.url);
  url.searchParams.set("next", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(url);
}

export const config = {
  // Everything but the sign-in and setup pages, API routes (they answer 401 themselves) and assets.
  matcher: ["/((?!sign-in|setup|api/|_next/|favicon.ico).*)"],
};
