import { expect, test, type Locator, type Page } from "@playwright/test";
import { contextAs, displayName } from "./users";

// Roles on the run page: a viewer watches but has no buttons, and the server refuses a forged
// "run step" request from them; on a protected target a commander needs a second commander.

const PORT = process.env.E2E_PORT ?? "3107";
const BASE = `http://localhost:${PORT}`;
const STEP_TIMEOUT = 30_000;

const card = (page: Page, title: RegExp): Locator => page.getByRole("article", { name: title });

async function startKillSwitch(page: Page, target: "sandbox" | "sandbox-protected"): Promise<string> {
  await page.goto("/runs/new?runbook=feature-flag-kill-switch");
  await page.getByRole("radio", { name: target === "sandbox" ? /^sandbox(?!-)/ : /^sandbox-protected/ }).check();
  await page.getByRole("button", { name: "Start run" }).click();
  await page.waitForURL(/\/runs\/[A-Za-z0-9_-]+$/);
  return page.url();
}

test("a viewer sees no run buttons, and a forged run request from them is refused", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const runUrl = await startKillSwitch(page, "sandbox");
  const confirm = card(page, /Step 2: Confirm/);

  // The commander's real request to run a step, captured to be replayed with the viewer's cookie.
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
    confirm.getByRole("button", { name: /^Run(…)?$/ }).click(),
  ]);

  const viewerCtx = await contextAs(browser, "viewer");
  try {
    const viewer = await viewerCtx.newPage();
    await viewer.goto(runUrl);
    await expect(card(viewer, /Step 2: Confirm/)).toBeVisible();
    await expect(viewer.getByTestId("run-presence")).toContainText(displayName("commander"));
    await expect(viewer.getByRole("button", { name: /^(Run|Retry|Rehearse|Request approval)(…)?$/ })).toHaveCount(0);
    await expect(viewer.getByPlaceholder("Comment on the run")).toHaveCount(0);
    await expect(viewer.getByRole("checkbox").first()).toBeDisabled();

    const replay = {
      headers: {
        "next-action": request.headers()["next-action"] ?? "",
        "content-type": request.headers()["content-type"] ?? "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin: BASE,
      },
      data: request.postData() ?? "",
    };
    const forged = await viewerCtx.request.post(request.url(), replay);
    const body = await forged.text();
    expect(body).toContain("Not allowed: step.run needs the commander or operator role");
    // Without any session (an empty state: new contexts otherwise get the project's commander)
    // the same request is refused, and so is the run's API.
    const nobody = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    try {
      expect(await (await nobody.request.post(request.url(), replay)).text()).toContain("Sign in first");
      expect((await nobody.request.get(`${runUrl.replace(/\/runs\//, "/api/runs/")}/events`)).status()).toBe(401);
    } finally {
      await nobody.close();
    }
  } finally {
    await viewerCtx.close();
  }
  // The commander's own click ran (whatever the flag table held): only the forgery was refused.
  await expect(confirm).toHaveAttribute("data-status", /^(succeeded|failed)$/, { timeout: STEP_TIMEOUT });
});

test("on a protected target a destructive step runs only after a second commander approves", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const runUrl = await startKillSwitch(page, "sandbox-protected");
  const setup = card(page, /Setup \(idempotent\)/);

  await test.step("no Run button: the commander requests approval and cannot approve it", async () => {
    await expect(setup.getByTestId("approval-panel")).toBeVisible();
    await expect(setup.getByRole("button", { name: /^Run(…)?$/ })).toHaveCount(0);
    await setup.getByLabel("Reason for the approval request").fill("e2e rollback drill");
    await setup.getByRole("button", { name: "Request approval" }).click();
    await expect(setup.getByTestId("approval-state")).toHaveText("Waiting for a second commander");
    await expect(setup.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await expect(setup).toContainText("Ask another commander");
  });

  const approverCtx = await contextAs(browser, "approver");
  try {
    await test.step("a second commander, in another browser, sees exactly what will run and approves", async () => {
      const approver = await approverCtx.newPage();
      await approver.goto(runUrl);
      const theirs = card(approver, /Setup \(idempotent\)/);
      await expect(theirs.getByTestId("approval-command")).toContainText("CREATE");
      await expect(theirs).toContainText(`Requested by ${displayName("commander")}`);
      await theirs.getByRole("button", { name: "Approve" }).click();
      await expect(theirs.getByTestId("approval-state")).toHaveText("Approved: ready to run once");
    });
  } finally {
    await approverCtx.close();
  }

  await test.step("the commander's page shows the approval live, and the step runs", async () => {
    await expect(setup.getByTestId("approval-state")).toHaveText("Approved: ready to run once", { timeout: 15_000 });
    await setup.getByRole("button", { name: /^Run…$/ }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel(/Type the target.s name/).fill("sandbox-protected");
    await dialog.getByRole("button", { name: /on sandbox-protected$/ }).click();
    await expect(setup).toHaveAttribute("data-status", "succeeded", { timeout: STEP_TIMEOUT });
  });
});
