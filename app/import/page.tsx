import Link from "next/link";
import { MAX_RUNBOOK_BYTES } from "@/lib/services/runbooks";
import { ImportForm } from "./import-form";
import { requirePagePermission } from "@/lib/auth/page-guard";

export const metadata = { title: "Import runbooks" };

export default async function ImportPage() {
  await requirePagePermission("runbook.import");
  return (
    <section aria-labelledby="import-heading">
      <p className="text-sm text-slate-500">
        <Link href="/" className="hover:underline">
          Runbooks
        </Link>{" "}
        / import
      </p>
      <h1 id="import-heading" className="mt-1 text-2xl font-semibold tracking-tight">
        Import runbooks
      </h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Bring rollback procedures exactly as written in Markdown. Nothing is saved until you have seen what the desk understood:
        steps and how they run, destructive steps, the variables a run will ask for, checklists and blanks.
      </p>
      <ImportForm maxBytes={MAX_RUNBOOK_BYTES} />
    </section>
  );
}
