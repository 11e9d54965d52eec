import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { QueryProvider } from "@/components/query-provider";
import { TargetChips } from "@/components/target-chips";
import { UserMenu } from "@/components/user-menu";
import { actorLabel } from "@/lib/auth/actor-label";
import { allows } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Runbook Desk", template: "%s · Runbook Desk" },
  description: "Rollback runbooks as live, executable checklists.",
};

const navLink = "hover:text-slate-900";

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Signed out (sign-in and setup pages), the header names nothing: no targets, no runs.
  const user = await currentUser();
  const roles = user?.grants.map((g) => (g.targetName ? `${g.role}@${g.targetName}` : g.role)).join(", ") ?? "";
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <QueryProvider>
          <header className="border-b border-slate-200 bg-white">
            <div className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
              <Link href="/" className="text-lg font-semibold tracking-tight">
                Runbook Desk
              </Link>
              {user ? (
                <>
                  <nav className="flex gap-4 text-sm text-slate-600">
                    <Link href="/" className={navLink}>
                      Runbooks
                    </Link>
                    <Link href="/runs" className={navLink}>
                      Runs
                    </Link>
                    <Link href="/targets" className={navLink}>
                      Targets
                    </Link>
                    {allows(user.grants, "user.manage") ? (
                      <Link href="/admin/users" className={navLink}>
                        Users
                      </Link>
                    ) : null}
                    {allows(user.grants, "audit.read") ? (
                      <Link href="/admin/audit" className={navLink}>
                        Audit
                      </Link>
                    ) : null}
                  </nav>
                  <div className="ml-auto flex items-center gap-3">
                    {allows(user.grants, "target.read") ? <TargetChips /> : null}
                    <UserMenu label={actorLabel(user)} roles={roles} />
                  </div>
                </>
              ) : null}
            </div>
          </header>
          <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
        </QueryProvider>
      </body>
    </html>
  );
}
