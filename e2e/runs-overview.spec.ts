import { expect, test, type Page } from "@playwright/test";
import { contextAs } from "./users";

// The runs overview and the RTO clocks, live: a viewer on /runs sees a run start, its current
// step and its clock go over a 5-second budget, then the run end, without reloading; the run
// page's section and run clocks turn red with words, not only colour, and stop when done.

const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const slug = `rto-clock-${suffix}`;
const RUNBOOK = `# RTO clock ${suffix}

## Wait for it (5 seconds)

\`\`\`bash
echo started
sleep 9
echo done
\`\`\`
`;

async function importRunbook(page: Page): Promise<void> {
  await page.goto("/import");
  await page.getByLabel("Runbook Markdown").fill(RUNBOOK);
  await page.getByLabel(/^Name/).fill(slug);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("listitem", { name: slug })).toHaveAttribute("data-status", "ready");
  await page.getByRole("button", { name: "Save runbook" }).click();
  await expect(page.getByTestId("saved-status")).toHaveText("Saved as v1");
}

test("the runs overview follows a run live: current step, RTO clock over budget, run finished", async ({ page, browser }) => {
  test.setTimeout(120_000);
  // Someone who only watches: the overview stream needs no more than run.view.
  const viewerCtx = await contextAs(browser, "viewer");
  const overview = await viewerCtx.newPage();

  await test.step("a viewer opens the overview; the commander imports a runbook with a 5 s budget", async () => {
    await overview.goto("/runs");
    await expect(overview.getByTestId("overview-connection")).toHaveAttribute("data-state", "live");
    // A reload would drop this marker: everything after arrives over the stream.
    await overview.evaluate(() => document.body.setAttribute("data-e2e-marker", "same-page"));
    await importRunbook(page);
  });

  let runId = "";
  await test.step("the run starts: it appears on the overview as in progress", async () => {
    await page.goto(`/runs/new?runbook=${slug}`);
    await expect(page.getByRole("radio", { name: /^sandbox(?!-)/ })).toBeChecked();
    await page.getByRole("button", { name: "Start run" }).click();
    await page.waitForURL(/\/runs\/[A-Za-z0-9_-]+$/);
    runId = new URL(page.url()).pathname.split("/").pop() ?? "";
    const card = overview.locator(`[data-testid="active-run"][data-run-id="${runId}"]`);
    await expect(card).toBeVisible({ timeout: 10_000 });
    await expect(card.getByTestId("active-run-step")).toHaveText("No step started yet");
    await expect(card.getByTestId("active-run-progress")).toContainText("0/1 steps done");
  });

  await test.step("the step runs: the overview shows it as the current step, the clocks go over budget", async () => {
    const step = page.getByRole("article", { name: /Wait for it/ });
    await step.getByRole("button", { name: /^Run(…)?$/ }).click();
    await expect(step).toHaveAttribute("data-status", "running", { timeout: 15_000 });
    const card = overview.locator(`[data-testid="active-run"][data-run-id="${runId}"]`);
    await expect(card.getByTestId("active-run-step")).toContainText("#1 Wait for it", { timeout: 10_000 });
    await expect(card.getByTestId("active-run-step")).toContainText("Running");
    const clock = card.getByTestId("overview-clock");
    await expect(clock).toHaveAttribute("data-state", "over", { timeout: 15_000 });
    await expect(clock).toContainText("of ≤ 5 s");
    await expect(clock).toContainText("over budget by");

    const section = page.getByTestId("section-clock");
    await expect(section).toHaveAttribute("data-running", "true");
    await expect(section).toHaveAttribute("data-state", "over", { timeout: 10_000 });
    await expect(section).toContainText("over budget by");
    // The run's clock against the run's budget (here: the one budgeted section holding every step).
    await expect(page.getByTestId("run-clock")).toHaveAttribute("data-state", "over");
    await expect(page.getByTestId("run-clock")).toContainText("over budget by");
    // It ticks.
    const before = await page.getByTestId("run-clock-sticky").textContent();
    await expect(page.getByTestId("run-clock-sticky")).not.toHaveText(before ?? "", { timeout: 3_000 });
  });

  await test.step("the step ends: the section clock stops; the overview says what ran last", async () => {
    const step = page.getByRole("article", { name: /Wait for it/ });
    await expect(step).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
    const section = page.getByTestId("section-clock");
    await expect(section).not.toHaveAttribute("data-running", "true");
    const stopped = await section.textContent();
    await page.waitForTimeout(1_500);
    await expect(section).toHaveText(stopped ?? "");
    const card = overview.locator(`[data-testid="active-run"][data-run-id="${runId}"]`);
    await expect(card.getByTestId("active-run-step")).toContainText("Waiting for the next step", { timeout: 10_000 });
    await expect(card.getByTestId("active-run-progress")).toContainText("1/1 steps done");
  });

  await test.step("the run is finished: it leaves the in-progress list and the table shows it succeeded", async () => {
    await page.getByRole("button", { name: "Mark run succeeded" }).click();
    await expect(page.getByTestId("run-status")).toHaveText("Succeeded", { timeout: 10_000 });
    await expect(overview.locator(`[data-testid="active-run"][data-run-id="${runId}"]`)).toHaveCount(0, { timeout: 10_000 });
    const row = overview.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);
    await expect(row.getByTestId("run-status")).toHaveText("Succeeded");
    await expect(row.getByTestId("run-duration")).toHaveAttribute("data-state", "over");
    await expect(row.getByTestId("run-duration")).not.toHaveAttribute("data-running", "true");
    await expect(overview.locator("body")).toHaveAttribute("data-e2e-marker", "same-page");
  });
  await viewerCtx.close();
});
