import { z } from "zod";
import { HttpError, route } from "@/lib/http/route";
import { loadReport } from "@/lib/reports/load-report";
import { renderReportPdf } from "@/lib/reports/pdf";
import { reportToMarkdown } from "@/lib/reports/render-markdown";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/runs/:id/report?format=md|json|pdf (default md) → the report as an attachment;
// ?format=txt&step=ID → one step's full output.
const formatSchema = z.enum(["md", "json", "pdf", "txt"]);
const TYPES = { md: "text/markdown; charset=utf-8", json: "application/json; charset=utf-8", pdf: "application/pdf", txt: "text/plain; charset=utf-8" } as const;

function attachment(body: BodyInit, format: keyof typeof TYPES, name: string): Response {
  return new Response(body, {
    headers: { "content-type": TYPES[format], "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
  });
}

export const GET = route({ permission: "report.read", params: z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }), scope: (p) => ({ runId: p.id }), audit: "export.report" }, async ({ req, params }) => {
  const search = new URL(req.url).searchParams;
  const format = formatSchema.safeParse(search.get("format") ?? "md");
  if (!format.success) throw new HttpError(400, "`format` must be md, json, pdf or txt.");
  const report = await loadReport(params.id).catch((e: unknown) => {
    throw e instanceof Error && e.message === "No such run." ? new HttpError(404, "No such run.") : e;
  });
  const base = `run-${params.id}-${report.summary.runbook.slug}`.replace(/[^A-Za-z0-9_.-]/g, "_");
  switch (format.data) {
    case "md":
      return attachment(reportToMarkdown(report), "md", `${base}.md`);
    case "json":
      return attachment(`${JSON.stringify(report, null, 2)}\n`, "json", `${base}.json`);
    case "pdf":
      return attachment(Buffer.from(await renderReportPdf(params.id, req.headers.get("cookie"))), "pdf", `${base}.pdf`);
    case "txt": {
      const step = report.sections.flatMap((s) => s.steps).find((s) => s.id === search.get("step"));
      if (!step) throw new HttpError(404, "No such step in this run's report.");
      return attachment(step.output.text, "txt", `${base}-step-${step.number}.txt`);
    }
  }
});
