import { readFileSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import pg from "pg";
import { contextAs, displayName } from "./users";

// Live run page: a commander and a watcher on the same run of the kill-switch demo on the sandbox.
// The watcher never reloads: every status, output line and verdict reaches it over the stream.
// A lock held by the test keeps a step running for as long as the test needs to look at it.

const DATA_DIR = process.env.E2E_DATA_DIR ?? ".data/e2e";
const STEP_TIMEOUT = 30_000;

async function sandboxClient(): Promise<pg.Client> {
  const runtime = JSON.parse(readFileSync(`${DATA_DIR}/runtime.json`, "utf8")) as { pgPort: number };
  const password = readFileSync(`${DATA_DIR}/pg-password`, "utf8").trim();
  const client = new pg.Client({ host: "127.0.0.1", port: runtime.pgPort, user: "desk", password, database: "sandbox" });
  await client.connect();
  return client;
}


const card = (page: Page, title: RegExp): Locator => page.getByRole("article", { name: title });

async function runStep(page: Page, step: Locator): Promise<void> {
  await step.getByRole("button", { name: /^Run(…)?$/ }).click();
  const dialog = page.getByRole("dialog");
  // Destructive steps ask for the target's name.
  if (await dialog.isVisible().catch(() => false)) {
    await dialog.getByLabel(/Type the target.s name/).fill("sandbox");
    await dialog.getByRole("button", { name: /on sandbox$/ }).click();
    await expect(dialog).toBeHidden();
  }
}

async function watcherNames(page: Page): Promise<string[]> {
  return page.getByTestId("watcher").evaluateAll((els) => els.map((e) => e.getAttribute("data-name") ?? ""));
}

test("a watcher follows the commander's run live, and a late watcher sees the whole history", async ({ browser }) => {
  test.setTimeout(180_000);
  // Presence shows who people signed in as.
  const [cora, wendy, lena] = [displayName("commander"), displayName("viewer"), displayName("late")];
  const commanderCtx = await contextAs(browser, "commander");
  const watcherCtx = await contextAs(browser, "viewer");
  const lateCtx = await contextAs(browser, "late");
  const commander = await commanderCtx.newPage();
  const watcher = await watcherCtx.newPage();
  const sandbox = await sandboxClient();
  let locked = false;

  try {
    let runUrl = "";
    await test.step("commander starts a run of the kill switch on the sandbox", async () => {
      await commander.goto("/runs/new?runbook=feature-flag-kill-switch");
      await expect(commander.getByRole("radio", { name: /^sandbox(?!-)/ })).toBeChecked();
      await commander.getByRole("button", { name: "Start run" }).click();
      await commander.waitForURL(/\/runs\/[A-Za-z0-9_-]+$/);
      runUrl = commander.url();
    });

    await test.step("the watcher opens the run; both see who is watching and who commands", async () => {
      await watcher.goto(runUrl);
      await watcher.evaluate(() => document.body.setAttribute("data-e2e-marker", "same-page"));
      for (const page of [commander, watcher]) {
        await expect.poll(() => watcherNames(page), { timeout: 15_000 }).toEqual(expect.arrayContaining([cora, wendy]));
        await expect(page.getByTestId("run-commander")).toContainText(cora);
      }
    });

    const setup = card(watcher, /Setup/);
    const turnOff = card(watcher, /Step 1: Turn it off/);
    const confirm = card(watcher, /Step 2: Confirm/);

    await test.step("commander runs the setup: the watcher sees it succeed with its output", async () => {
      await expect(setup).toHaveAttribute("data-status", "pending");
      await runStep(commander, card(commander, /Setup/));
      await expect(setup).toHaveAttribute("data-status", "succeeded", { timeout: STEP_TIMEOUT });
      await expect(setup.getByTestId("step-output-text")).toContainText("▶ sql");
    });

    await test.step("step 1 goes running on the watcher's page (held by a lock on the flags table)", async () => {
      await sandbox.query("BEGIN");
      await sandbox.query("LOCK TABLE demo_flags.flags IN ACCESS EXCLUSIVE MODE");
      locked = true;
      await runStep(commander, card(commander, /Step 1: Turn it off/));
      await expect(turnOff).toHaveAttribute("data-status", "running", { timeout: STEP_TIMEOUT });
    });

    const late = await lateCtx.newPage();
    await test.step("a watcher opening the page mid-run sees the full history and the running step", async () => {
      await late.goto(runUrl);
      await late.evaluate(() => document.body.setAttribute("data-e2e-marker", "same-page"));
      await expect(card(late, /Setup/)).toHaveAttribute("data-status", "succeeded");
      await expect(card(late, /Setup/).getByTestId("step-output-text")).toContainText("▶ sql");
      await expect(card(late, /Step 1: Turn it off/)).toHaveAttribute("data-status", "running");
      await expect.poll(() => watcherNames(watcher), { timeout: 15_000 }).toEqual(expect.arrayContaining([cora, wendy, lena]));
    });

    await test.step("the lock goes: step 1 turns succeeded for both watchers without a reload", async () => {
      await sandbox.query("COMMIT");
      locked = false;
      for (const page of [watcher, late]) {
        const step = card(page, /Step 1: Turn it off/);
        await expect(step).toHaveAttribute("data-status", "succeeded", { timeout: STEP_TIMEOUT });
        await expect(step.getByTestId("step-output-text")).toContainText("UPDATE 1");
      }
    });

    await test.step("commander runs the verification: watchers see its table and pass verdict", async () => {
      await runStep(commander, card(commander, /Step 2: Confirm/));
      for (const page of [watcher, late]) {
        const step = card(page, /Step 2: Confirm/);
        await expect(step).toHaveAttribute("data-status", "succeeded", { timeout: STEP_TIMEOUT });
        await expect(step.getByTestId("step-output-table").getByRole("cell")).toHaveText(["f"]);
        await expect(step.getByTestId("verdict")).toHaveCount(1);
        await expect(step.getByTestId("verdict")).toHaveAttribute("data-outcome", "pass");
      }
      await expect(confirm).toHaveAttribute("data-status", "succeeded");
    });

    await test.step("a comment and a tick from the commander reach the watcher; nobody reloaded", async () => {
      const text = `flag off, watching ${Math.random().toString(36).slice(2, 6)}`;
      await commander.getByPlaceholder("Comment on the run").fill(text);
      await commander.getByPlaceholder("Comment on the run").press("Enter");
      await expect(watcher.getByText(text)).toBeVisible({ timeout: 10_000 });
      await commander.getByTestId("run-check").filter({ hasText: "Status page updated" }).getByRole("checkbox").check();
      await expect(watcher.getByTestId("run-check").filter({ hasText: "Status page updated" }).getByRole("checkbox")).toBeChecked({ timeout: 10_000 });
      await expect(watcher.locator("body")).toHaveAttribute("data-e2e-marker", "same-page");
      await expect(late.locator("body")).toHaveAttribute("data-e2e-marker", "same-page");
    });

    await test.step("a watcher who leaves disappears from the others' presence", async () => {
      await late.close();
      await expect.poll(() => watcherNames(watcher), { timeout: 15_000 }).not.toContain(lena);
    });
  } finally {
    if (locked) await sandbox.query("ROLLBACK").catch(() => undefined);
    await sandbox.end();
    await Promise.all([commanderCtx.close(), watcherCtx.close(), lateCtx.close()]);
  }
});
