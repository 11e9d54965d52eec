import { readFileSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import pg from "pg";
import { displayName } from "./users";

// The commander's path through the demo runbook on the sandbox: start a run, run steps, confirm a
// destructive one by typing the target's name, watch output and verdicts arrive live.

// The desk playwright.config.ts starts keeps its data here (E2E_DATA_DIR: a desk started by hand).
const DATA_DIR = process.env.E2E_DATA_DIR ?? ".data/e2e";
const STEP_TIMEOUT = 30_000;

async function onSandbox(sql: string): Promise<void> {
  const runtime = JSON.parse(readFileSync(`${DATA_DIR}/runtime.json`, "utf8")) as { pgPort: number };
  const password = readFileSync(`${DATA_DIR}/pg-password`, "utf8").trim();
  const client = new pg.Client({ host: "127.0.0.1", port: runtime.pgPort, user: "desk", password, database: "sandbox" });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The demo runbook's own setup step recreates its schema: drop it so every run starts fresh. */
const resetDemoSchema = () => onSandbox("DROP SCHEMA IF EXISTS demo_shop CASCADE");

async function startScenarioA(page: Page): Promise<void> {
  await page.goto("/runs/new?runbook=orders-status-rollback&scenario=scenario-a");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("orders.status enum migration");
  await expect(page.getByRole("radio", { name: /^sandbox(?!-)/ })).toBeChecked();
  await expect(page.getByRole("radio", { name: /Scenario A/ })).toBeChecked();
  await page.getByRole("button", { name: "Start run" }).click();
  await page.waitForURL(/\/runs\/[A-Za-z0-9_-]+$/);
}

function stepCard(page: Page, title: RegExp): Locator {
  return page.getByRole("article", { name: title });
}

async function confirmIn(page: Page, card: Locator, name: string): Promise<Locator> {
  const dialog = page.getByRole("dialog");
  if (!(await dialog.isVisible())) await card.getByRole("button", { name: /^(Run|Retry)…$/ }).click();
  await expect(dialog).toBeVisible();
  const input = dialog.getByLabel(/Type the target.s name/);
  await input.fill(name);
  await dialog.getByRole("button", { name: /on sandbox$/ }).click();
  return dialog;
}

test("commander runs scenario A of the demo runbook on the sandbox", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const incidentId = `INC-${Date.now().toString(36)}-${testInfo.workerIndex}-${Math.random().toString(36).slice(2, 7)}`;
  const comment = `watching from e2e ${incidentId}`;

  await test.step("fresh demo data", resetDemoSchema);

  await test.step("start a run of scenario A on sandbox", async () => {
    await startScenarioA(page);
    await expect(page.getByTestId("run-target")).toHaveText("sandbox");
    await expect(page.getByTestId("run-scenario")).toContainText("Scenario A");
    await expect(page.getByTestId("run-status")).toHaveText("Active");
    await expect(page.getByTestId("production-banner")).toHaveCount(0);
    // The other scenario is collapsed, not hidden.
    await expect(page.getByTestId("other-scenario")).toContainText("Scenario B");
    // A reload would drop this marker: later steps prove updates arrive without one.
    await page.evaluate(() => document.body.setAttribute("data-e2e-marker", "same-page"));
  });

  const setup = stepCard(page, /Prepare the rehearsal data/);
  const check = stepCard(page, /Step 1: Check the current state/);
  const convert = stepCard(page, /Step 3: Convert the column back/);
  const verify = stepCard(page, /Step 4: Verify/);

  await test.step("the setup step is next; it is destructive, so it asks for the target's name", async () => {
    await expect(setup).toHaveAttribute("data-next", "true");
    await expect(page.getByTestId("next-step-link")).toContainText("Prepare the rehearsal data");
    await expect(setup.getByTestId("destructive-badge")).toBeVisible();
    const dialog = await confirmIn(page, setup, "sandbox");
    await expect(dialog).toBeHidden();
    await expect(setup).toHaveAttribute("data-status", "succeeded", { timeout: STEP_TIMEOUT });
  });

  await test.step("a verification step shows its result tables and pass verdicts", async () => {
    await expect(check).toHaveAttribute("data-next", "true");
    await check.getByRole("button", { name: "Run", exact: true }).click();
    await expect(check).toHaveAttribute("data-status", "succeeded", { timeout: STEP_TIMEOUT });
    const tables = check.getByTestId("step-output-table");
    await expect(tables).toHaveCount(2);
    await expect(tables.nth(0).getByRole("cell")).toHaveText(["3000"]);
    await expect(tables.nth(1).getByRole("cell")).toHaveText(["CANCELLED", "PENDING", "SHIPPED"]);
    await expect(tables.nth(1)).toContainText("3 rows");
    const verdicts = check.getByTestId("verdict");
    await expect(verdicts).toHaveCount(2);
    for (const v of await verdicts.all()) await expect(v).toHaveAttribute("data-outcome", "pass");
    await expect(check.getByTestId("failed-verification")).toHaveCount(0);
  });

  await test.step("the pg_dump step is a verified backup: progress, manifest, S3 copy", async () => {
    const backup = stepCard(page, /Step 2: Back up the table/);
    await backup.getByRole("button", { name: "Run", exact: true }).click();
    await expect(backup).toHaveAttribute("data-status", "succeeded", { timeout: STEP_TIMEOUT });
    await expect(backup.getByTestId("backup-progress")).toContainText("Dumped");
    const output = backup.locator('section[aria-label="Output"]');
    await expect(output).toContainText("MANIFEST.json");
    await expect(output).toContainText("demo_shop.orders (3000 rows)");
    await expect(output).toContainText("uploaded and verified: s3://");
    // The runbook's "Backup location: ____" is filled from the backup, naming the step.
    const location = page.getByTestId("run-blank").filter({ hasText: "Backup location" });
    await expect(location.getByTestId("blank-value")).toContainText("s3://backups/");
  });

  await test.step("destructive step 3: wrong name refused, right name runs", async () => {
    await expect(convert.getByTestId("destructive-badge")).toBeVisible();
    await convert.getByRole("button", { name: "Run…" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("list", { name: "Statements" })).toContainText("DROP TYPE demo_shop.order_status");
    await confirmIn(page, convert, "production");
    await expect(dialog).toContainText('Type the target\'s name ("sandbox") to confirm');
    await expect(dialog).toBeVisible();
    await expect(convert).toHaveAttribute("data-status", "pending");
    await confirmIn(page, convert, "sandbox");
    await expect(dialog).toBeHidden();
    await expect(convert).toHaveAttribute("data-status", "succeeded", { timeout: STEP_TIMEOUT });
    await expect(convert.getByTestId("step-output-text")).toContainText("▶ sql");
    await expect(convert).toContainText("confirmed as sandbox");
  });

  await test.step("the change shows in the next verification, live", async () => {
    await verify.getByRole("button", { name: "Run", exact: true }).click();
    await expect(verify).toHaveAttribute("data-status", "succeeded", { timeout: STEP_TIMEOUT });
    await expect(verify.getByTestId("step-output-table").nth(0).getByRole("cell")).toHaveText(["cancelled", "pending", "shipped"]);
    const verdicts = verify.getByTestId("verdict");
    await expect(verdicts).toHaveCount(2);
    for (const v of await verdicts.all()) await expect(v).toHaveAttribute("data-outcome", "pass");
    await expect(page.locator("body")).toHaveAttribute("data-e2e-marker", "same-page");
  });

  await test.step("tick a check, fill a blank, comment", async () => {
    const item = page.getByTestId("run-check").filter({ hasText: "Deploys frozen" });
    await item.getByRole("checkbox").check();
    await expect(item).toContainText(`ticked by ${displayName("commander")}`);
    const blank = page.getByTestId("run-blank").filter({ hasText: "Incident ID" });
    await blank.getByLabel("Incident ID").fill(incidentId);
    await blank.getByRole("button", { name: "Save" }).click();
    await expect(blank.getByTestId("blank-value")).toContainText(incidentId);
    await page.getByPlaceholder("Comment on the run").fill(comment);
    await page.getByPlaceholder("Comment on the run").press("Enter");
    await expect(page.getByRole("list", { name: "Comments" }).last()).toContainText(comment);
    await expect(page.locator("body")).toHaveAttribute("data-e2e-marker", "same-page");
  });

  await test.step("everything is in the event log: a reload shows the same run", async () => {
    await page.reload();
    await expect(page.getByTestId("run-check").filter({ hasText: "Deploys frozen" }).getByRole("checkbox")).toBeChecked();
    await expect(page.getByTestId("run-blank").filter({ hasText: "Incident ID" }).getByTestId("blank-value")).toContainText(incidentId);
    await expect(convert).toHaveAttribute("data-status", "succeeded");
    await expect(check.getByTestId("verdict")).toHaveCount(2);
    await expect(page.getByText(comment)).toBeVisible();
  });

  await testInfo.attach("run", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });

  await test.step("finish the run as succeeded", async () => {
    await page.getByRole("button", { name: "Mark run succeeded" }).click();
    await expect(page.getByTestId("run-status")).toHaveText("Succeeded");
    await expect(page.getByTestId("step-actions")).toHaveCount(0);
  });
});

test("a failed verification is loud and blocks success until acknowledged", async ({ page }) => {
  test.setTimeout(120_000);
  const note = `known difference ${Date.now().toString(36)}`;

  await test.step("the demo table is already rolled back (lowercase text)", async () => {
    await resetDemoSchema();
    await onSandbox(`CREATE SCHEMA demo_shop;
      CREATE TABLE demo_shop.orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, total_cents integer NOT NULL);
      INSERT INTO demo_shop.orders SELECT g, 1 + g % 97, (ARRAY['pending','shipped','cancelled'])[1 + g % 3], 500 + g % 9000 FROM generate_series(1, 3000) g;`);
  });

  const check = stepCard(page, /Step 1: Check the current state/);
  await test.step("the check step fails its set expectation, loudly", async () => {
    await startScenarioA(page);
    await check.getByRole("button", { name: "Run", exact: true }).click();
    await expect(check).toHaveAttribute("data-status", "failed", { timeout: STEP_TIMEOUT });
    const failed = check.getByTestId("failed-verification");
    await expect(failed).toBeVisible();
    await expect(failed.locator('[data-testid="verdict"][data-outcome="fail"]')).toContainText("got {cancelled, pending, shipped}");
    await expect(check.locator('[data-testid="verdict"][data-outcome="pass"]')).toHaveCount(1);
  });

  await test.step("marking the run succeeded is refused with the server's reason", async () => {
    await page.getByRole("button", { name: "Mark run succeeded" }).click();
    await expect(page.getByTestId("finish-message")).toContainText("Failed verifications must be acknowledged first");
    await expect(page.getByTestId("run-status")).toHaveText("Active");
  });

  await test.step("acknowledge, then the run can succeed", async () => {
    const failed = check.getByTestId("failed-verification");
    await failed.getByPlaceholder(/Why is this acceptable/).fill(note);
    await failed.getByRole("button", { name: "Acknowledge" }).click();
    await expect(failed).toContainText(`Acknowledged by ${displayName("commander")}`);
    await expect(failed).toContainText(`: ${note}`);
    await page.getByRole("button", { name: "Mark run succeeded" }).click();
    await expect(page.getByTestId("run-status")).toHaveText("Succeeded");
  });
});
