import { redirect } from "next/navigation";
import { oidcConfigured } from "@/lib/auth/oidc-config";
import { currentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { safeNext } from "./safe-next";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNext((await searchParams).next);
  if (await currentUser()) redirect(next);
  return (
    <section className="mx-auto max-w-sm rounded border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-4 text-2xl font-semibold">Sign in</h1>
      <SignInForm next={next} oidcLabel={oidcConfigured() ? env().DESK_OIDC_LABEL : null} />
    </section>
  );
}
