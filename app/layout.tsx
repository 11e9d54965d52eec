import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { QueryProvider } from "@/components/query-provider";
import { TargetChips } from "@/components/target-chips";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Runbook Desk", template: "%s · Runbook Desk" },
  description: "Rollback runbooks as live, executable checklists.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <QueryProvider>
          <header className="border-b border-slate-200 bg-white">
            <div className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
              <Link href="/" className="text-lg font-semibold tracking-tight">
                Runbook Desk
              </Link>
              <nav className="flex gap-4 text-sm text-slate-600">
                <Link href="/" className="hover:text-slate-900">
                  Runbooks
                </Link>
                <Link href="/runs" className="hover:text-slate-900">
                  Runs
                </Link>
                <Link href="/targets" className="hover:text-slate-900">
                  Targets
                </Link>
              </nav>
              <div className="ml-auto">
                <TargetChips />
              </div>
            </div>
          </header>
          <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
        </QueryProvider>
      </body>
    </html>
  );
}
