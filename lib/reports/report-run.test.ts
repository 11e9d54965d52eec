import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReportDocument } from "@/app/runs/[id]/report/report-document";
import { db } from "@/lib/db";
import type { ParsedRunbook } from "@/lib/importer/types";
import { readEvents } from "@/lib/runs/events";
import { startRunner, type DeskRunner } from "@/lib/runs/runner";
import { finishRun, queueStep, startRun } from "@/lib/runs/service";
import { importRunbook } from "@/lib/services/runbooks";
import { upsertTarget } from "@/lib/services/targets";
import { buildReport } from "./build-report";
import { loadReport, loadReportInputs } from "./load-report";
import { reportToMarkdown } from "./render-markdown";
import { addReportComment, reopenReport, setReportField, signOffReport } from "./review";

// A real run through the engine on the sandbox, with secrets in the target URL and in an input;
// its report (Markdown, JSON, HTML) must show the run and none of the secrets.

const SECRET_INPUT = "Vault-Only-7f3a9c1e";
const RUNBOOK = `# Secret echo rollback

## Say the secrets (1 minute)

\`\`\`bash
echo "pw=[$DB_PASSWORD]"
echo "url=$DATABASE_URL"
echo "pgpass=$PGPASSWORD"
\`\`\`

## Check the database (1 minute)

\`\`\`sql
SELECT 40 + 2 AS answer;
-- Expected: 42
\`\`\`
`;

let runner: DeskRunner;
let runId: string;
let targetPassword: string;
let parsed: ParsedRunbook;

async function waitForStep(stepId: string): Promise<void> {
  const until = Date.now() + 20_000;
  for (;;) {
    const sr = await db.stepRun.findUniqueOrThrow({ where: { runId_stepId: { runId, stepId } }, select: { status: true } });
    if (!["pending", "queued", "running"].includes(sr.status)) return;
    if (Date.now() > until) throw new Error(`step ${stepId} stuck in ${sr.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  const url = process.env.SANDBOX_DATABASE_URL ?? "";
  targetPassword = decodeURIComponent(new URL(url).password);
  await upsertTarget({ name: "secret-db", url, description: "sandbox with its password in the URL" });
  const slug = `secret-echo-${Date.now()}`;
  await importRunbook({ text: RUNBOOK, slug, origin: "test", importedBy: "test" });
  const v = await db.runbookVersion.findFirstOrThrow({ where: { runbook: { slug } }, select: { parsed: true } });
  parsed = v.parsed as unknown as ParsedRunbook;
  runner = await startRunner({ connectionString: process.env.DATABASE_URL ?? "", concurrency: 2 });
  ({ runId } = await startRun({ runbookSlug: slug, targetName: "secret-db", scenario: null, variables: { DB_PASSWORD: SECRET_INPUT, TICKET: "INC-7" }, drill: true, actor: "alice" }));
});

afterAll(async () => {
  await runner?.stop();
});

describe("report of a real run", () => {
  it("refuses a sign-off while the run is in progress", async () => {
    await expect(signOffReport(runId, "Carol", "", "carol")).rejects.toThrow(/still in progress/);
  });

  it("shows what happened and never a secret, in Markdown, JSON and HTML", async () => {
    expect(targetPassword.length).toBeGreaterThan(3);
    for (const step of parsed.steps) {
      await queueStep({ runId, stepId: step.id, actor: "alice", confirmation: "secret-db", rehearsal: false });
      await waitForStep(step.id);
    }
    await finishRun(runId, "succeeded", "drill done", "alice");
    const report = await loadReport(runId);
    const steps = report.sections.flatMap((s) => s.steps);
    expect(steps.map((s) => s.status)).toEqual(["succeeded", "succeeded"]);
    expect(steps[0]?.output.text).toContain("pw=[••••••]");
    // The whole target URL is a secret; its password too, wherever it shows up.
    expect(steps[0]?.output.text).toContain("url=••••••");
    expect(steps[0]?.output.text).toContain("pgpass=••••••");
    expect(steps[1]?.verdicts.map((v) => v.outcome)).toEqual(["pass"]);
    expect(report.summary).toMatchObject({ outcome: "succeeded", commander: "alice", drill: true, target: { name: "secret-db" }, variables: { DB_PASSWORD: "••••••", TICKET: "INC-7" } });
    expect(report.summary.rto.budgetSeconds).toBeNull();

    const markdown = reportToMarkdown(report);
    const json = JSON.stringify(report);
    const html = renderToStaticMarkup(createElement(ReportDocument, { report }));
    expect(html).toContain("Rollback report: Secret echo rollback");
    expect(html).toContain("pw=[••••••]");
    for (const text of [markdown, json, html]) {
      expect(text).not.toContain(SECRET_INPUT);
      expect(text).not.toContain(targetPassword);
      expect(text).not.toContain(encodeURIComponent(targetPassword));
    }
  });

  it("is the same report every time it is built from the stored events", async () => {
    const { version, events } = await loadReportInputs(runId);
    const again = JSON.parse(JSON.stringify(events)) as typeof events;
    expect(reportToMarkdown(buildReport(version, again, runId))).toBe(reportToMarkdown(await loadReport(runId)));
    expect(events.map((e) => e.seq)).toEqual((await readEvents(runId)).map((e) => e.seq));
  });

  it("records the review as events: comment, field, sign-off, lock, reopen", async () => {
    const stepId = parsed.steps[0]?.id ?? "";
    await addReportComment(runId, stepId, "echoing secrets is a bad idea", "carol");
    await expect(addReportComment(runId, "no-such-step", "x", "carol")).rejects.toThrow(/no such step/);
    await setReportField(runId, "severity", "P3", "carol");
    await expect(setReportField(runId, "notAField", "x", "carol")).rejects.toThrow(/No such report field/);
    await signOffReport(runId, "Carol Reviewer", "fine", "carol");
    await expect(signOffReport(runId, "Carol Reviewer", "", "carol")).rejects.toThrow(/already signed off/);
    await expect(setReportField(runId, "severity", "P1", "carol")).rejects.toThrow(/reopen/);
    let report = await loadReport(runId);
    expect(report.review.signOff).toMatchObject({ name: "Carol Reviewer", by: "carol" });
    expect(report.incident.find((f) => f.key === "severity")).toMatchObject({ value: "P3", source: "reviewer" });
    expect(report.sections.flatMap((s) => s.steps)[0]?.notes).toEqual([expect.objectContaining({ text: "echoing secrets is a bad idea", origin: "review", by: "carol" })]);
    await reopenReport(runId, "impact missing", "dave");
    await expect(reopenReport(runId, "again", "dave")).rejects.toThrow(/not signed off/);
    await setReportField(runId, "severity", "P1", "dave");
    report = await loadReport(runId);
    expect(report.review.signOff).toBeNull();
    expect(report.review.history.map((h) => h.kind)).toEqual(["signed_off", "reopened"]);
    expect(report.summary.reviewers).toEqual(["carol", "dave"]);
    expect(report.summary.participants).toEqual(["alice"]);
  });
});
