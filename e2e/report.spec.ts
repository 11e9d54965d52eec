import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import pg from "pg";

// The reviewer's path: a finished run of the demo runbook (made headless with `desk run` against
// the desk Playwright started), its report read, commented on, edited, signed off, exported.

const DATA_DIR = process.env.E2E_DATA_DIR ?? ".data/e2e";
const PORT = process.env.E2E_PORT ?? "3107";
const TITLE = "Rollback report: Roll back: orders.status enum migration (demo)";

async function resetDemoSchema(): Promise<void> {
  const runtime = JSON.parse(readFileSync(`${DATA_DIR}/runtime.json`, "utf8")) as { pgPort: number };
  const password = readFileSync(`${DATA_DIR}/pg-password`, "utf8").trim();
  const client = new pg.Client({ host: "127.0.0.1", port: runtime.pgPort, user: "desk", password, database: "sandbox" });
  await client.connect();
  try {
    await client.query("DROP SCHEMA IF EXISTS demo_shop CASCADE");
  } finally {
    await client.end();
  }
}

function deskEnv(): NodeJS.ProcessEnv {
  // No DATABASE_URL: the CLI then finds the desk Playwright started through its data directory.
  const { DATABASE_URL: _db, SANDBOX_DATABASE_URL: _sb, ...rest } = process.env;
  return { ...rest, DESK_DATA_DIR: DATA_DIR, PORT };
}

/** `desk run` attaches to the running desk (its data dir) and leaves a finished run behind. */
function headlessRun(): string {
  const out = execFileSync(
    process.execPath,
    ["bin/desk.js", "run", "orders-status-rollback", "--target", "sandbox", "--scenario", "scenario-a", "--yes", "--keep-going", "--json"],
    { env: deskEnv(), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 },
  );
  return (JSON.parse(out) as { runId: string }).runId;
}

test("reviewer reads, comments, signs off and exports a finished run's report", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const tag = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
  const stepComment = `the check was quick ${tag}`;
  const reportComment = `reviewed in e2e ${tag}`;
  let runId = "";

  await test.step("a finished run of scenario A", async () => {
    await resetDemoSchema();
    runId = headlessRun();
  });

  await test.step("the report shows summary, chart, RTO with Actual, backups, timeline and steps", async () => {
    await page.goto(`/runs/${runId}/report`);
    await expect(page.getByTestId("report-title")).toHaveText(TITLE);
    await expect(page.getByTestId("summary-scenario")).toContainText("Scenario A");
    await expect(page.getByTestId("summary-target")).toHaveText("sandbox");
    await expect(page.getByTestId("summary-commander")).toContainText("cli:");
    await expect(page.getByTestId("summary-duration")).toContainText("of 5 min");
    await expect(page.locator("[data-testid=duration-chart] .recharts-bar-rectangle").first()).toBeVisible();
    const rto = page.getByTestId("rto-table");
    await expect(rto.getByRole("columnheader", { name: "Actual" })).toBeVisible();
    await expect(rto.getByRole("row", { name: /A: Quick rollback/ })).toContainText(/\d+(\.\d)? (ms|s) \(within 5 min\)/);
    await expect(page.getByRole("region", { name: "Backups and restores" })).toContainText("s3://");
    await expect(page.getByTestId("report-timeline").getByRole("listitem").first()).toContainText("Run started");
    const check = page.getByRole("article", { name: /Step 1: Check the current state/ });
    await expect(check).toHaveAttribute("data-status", "succeeded");
    await expect(check.getByTestId("report-verdict")).toHaveCount(2);
    await expect(page.getByTestId("incident-field").filter({ hasText: "Database rollback" }).getByRole("textbox")).toHaveValue(/^Yes/);
  });

  await test.step("comment on a step and on the report, set an incident field", async () => {
    const check = page.getByRole("article", { name: /Step 1: Check the current state/ });
    await check.getByPlaceholder(/Comment on step/).fill(stepComment);
    await check.getByRole("button", { name: "Comment" }).click();
    await expect(check.getByRole("list", { name: "Comments" })).toContainText(stepComment);
    await page.getByPlaceholder("Comment on the report").fill(reportComment);
    await page.getByPlaceholder("Comment on the report").press("Enter");
    await expect(page.getByTestId("report-comments")).toContainText(reportComment);
    const severity = page.getByTestId("incident-field").filter({ hasText: "Severity" });
    await severity.getByRole("textbox").fill("P3");
    await severity.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("incident-field").filter({ hasText: "Severity" })).toContainText("set by reviewer");
  });

  await test.step("sign off: name and time shown, fields locked", async () => {
    await page.getByLabel("Your name").fill("Rita Reviewer");
    await page.getByLabel("Note", { exact: true }).fill("timings fine");
    await page.getByRole("button", { name: "Sign off" }).click();
    await expect(page.getByTestId("signed-off")).toContainText("Signed off by Rita Reviewer");
    await expect(page.getByTestId("incident-field").filter({ hasText: "Severity" }).getByRole("textbox")).toBeDisabled();
  });

  await test.step("download Markdown: the whole report, with the sign-off and comments", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Markdown" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^run-.*\.md$/);
    const md = readFileSync(await download.path(), "utf8");
    expect(md.startsWith(`# ${TITLE}\n`)).toBe(true);
    expect(md).toContain("**Signed off** by Rita Reviewer");
    expect(md).toContain(stepComment);
    expect(md).toContain("| Scenario | RTO | Actual |");
    expect(md).toContain("- Severity: P3");
  });

  await test.step("download PDF: a real PDF of the report page", async () => {
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.getByRole("link", { name: "PDF" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^run-.*\.pdf$/);
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(1024);
    // The PDF prints this very page: its HTML carries the title.
    const html = await (await page.request.get(`/runs/${runId}/report`)).text();
    expect(html).toContain(TITLE);
  });

  await testInfo.attach("report", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });

  await test.step("reopen: the sign-off is cleared and fields are editable again", async () => {
    await page.getByLabel("Reason").fill("impact missing");
    await page.getByRole("button", { name: "Reopen" }).click();
    await expect(page.getByTestId("not-signed-off")).toContainText("reopened: impact missing");
    await expect(page.getByTestId("incident-field").filter({ hasText: "Severity" }).getByRole("textbox")).toBeEnabled();
  });

  await test.step("the runbook's history lists the run", async () => {
    await page.goto("/runbooks/orders-status-rollback/history");
    await expect(page.getByTestId("history-run").filter({ has: page.locator(`a[href="/runs/${runId}/report"]`) })).toContainText("scenario-a");
  });
});
