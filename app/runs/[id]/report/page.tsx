import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { SafeError } from "@/lib/errors";
import { loadReport } from "@/lib/reports/load-report";
import { IncidentForm } from "./incident-form";
import { ReportDocument } from "./report-document";
import "./report-print.css";
import { ReportCommentForm, SignOff } from "./review-panel";
import { requireRunPermission } from "@/lib/auth/page-guard";

export const dynamic = "force-dynamic";

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

async function load(id: string) {
  if (!idSchema.safeParse(id).success) notFound();
  return loadReport(id).catch((e: unknown) => {
    if (e instanceof SafeError) notFound();
    throw e;
  });
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  await requireRunPermission("report.read", id);
  const report = await load(id);
  return { title: report.summary.title };
}

const link = "rounded border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-50";

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireRunPermission("report.read", id);
  const report = await load(id);
  const finished = report.summary.outcome !== "active";
  const locked = report.review.signOff !== null;
  const exportHref = (format: string) => `/api/runs/${encodeURIComponent(id)}/report?format=${format}`;
  return (
    <ReportDocument
      report={report}
      slots={{
        actions: (
          <nav aria-label="Report actions" className="report-chrome flex flex-wrap gap-2">
            <Link href={`/runs/${encodeURIComponent(id)}`} className={link}>
              Back to run
            </Link>
            <Link href={`/runbooks/${encodeURIComponent(report.summary.runbook.slug)}/history`} className={link}>
              History
            </Link>
            <a href={exportHref("md")} className={link} download>
              Markdown
            </a>
            <a href={exportHref("json")} className={link} download>
              JSON
            </a>
            <a href={exportHref("pdf")} className={link} download>
              PDF
            </a>
          </nav>
        ),
        signOff: <SignOff runId={id} runFinished={finished} review={report.review} />,
        incident: <IncidentForm runId={id} fields={report.incident} locked={locked} />,
        comments: <ReportCommentForm runId={id} stepId={null} label="Comment on the report" />,
        stepExtra: (s) => <ReportCommentForm runId={id} stepId={s.id} label={`Comment on step #${s.number}`} />,
      }}
    />
  );
}
