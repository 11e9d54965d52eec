import type { Metadata } from "next";
import Link from "next/link";
import { targetsAllowed } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { overviewRuns, visibleRuns } from "@/lib/runs/list-runs";
import { RunsOverview } from "./runs-overview";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Runs" };

export default async function RunsPage() {
  const user = await currentUser();
  // The same list the live stream sends this user: runs on targets they may view.
  const runs = user ? visibleRuns(await overviewRuns(), targetsAllowed(user.grants, "run.view")) : [];
  return (
    <section aria-labelledby="runs-heading">
      <div className="mb-4 flex items-center justify-between">
        <h1 id="runs-heading" className="text-2xl font-semibold">
          Runs
        </h1>
        <Link href="/runs/new" className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
          Start a run
        </Link>
      </div>
      <RunsOverview initialRuns={runs} />
    </section>
  );
}
