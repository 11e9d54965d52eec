import { readFileSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";

// A shell step printing 100k lines (about 10 MB) on the live run page: the log is virtualized
// (a few dozen line nodes in the DOM), follows the end while it runs, searches the whole output
// within a couple of seconds, and the download returns every line. Figures (time to show all
// lines, search latency, long tasks, heap) are attached to the test as big-output-metrics.

const LINES = 100_000;
// The runner heads a step's output with one info line ("▶ shell (lines 9–11)").
const SHOWN = "100,001 lines";
const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const slug = `big-output-${suffix}`;
// "line 000001 0123…": 97 characters and a newline per line.
const RUNBOOK = `# Big output ${suffix}

Prints a lot, for the live page's log view.

## Print a lot

\`\`\`bash
seq -f "line %06.0f ${"0123456789".repeat(8)}01234" 1 ${LINES}
\`\`\`
`;

async function importRunbook(page: Page, markdown = RUNBOOK, name = slug): Promise<void> {
  await page.goto("/import");
  await page.getByLabel("Runbook Markdown").fill(markdown);
  await page.getByLabel(/^Name/).fill(name);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("listitem", { name })).toHaveAttribute("data-status", "ready");
  await page.getByRole("button", { name: "Save runbook" }).click();
  await expect(page.getByTestId("saved-status")).toHaveText("Saved as v1");
}

async function startRun(page: Page, name = slug): Promise<void> {
  await page.goto(`/runs/new?runbook=${name}`);
  await expect(page.getByRole("radio", { name: /^sandbox(?!-)/ })).toBeChecked();
  await page.getByRole("button", { name: "Start run" }).click();
  await page.waitForURL(/\/runs\/[A-Za-z0-9_-]+$/);
}

/** Time until `check` passes, polling every 20 ms (for latencies a user would feel). */
async function timeUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (await check()) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`not within ${timeoutMs} ms`);
}

const lineNodes = (log: Locator) => log.getByTestId("log-line").count();

test("a step printing 100k lines keeps the run page responsive", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const metrics: Record<string, number | string> = {};
  // Long main-thread tasks while the output streams in: what would make the page feel stuck.
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: "longtask", buffered: true });
  });

  await test.step("import a runbook whose shell step prints 100k lines, start a run", async () => {
    await importRunbook(page);
    await startRun(page);
  });

  const step = page.getByRole("article", { name: /Print a lot/ });
  const log = step.getByTestId("step-output-text");

  await test.step("run it: the log follows the end while 100k lines arrive", async () => {
    // Long tasks from here on: the streaming, not the page load.
    await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks = []));
    const clicked = Date.now();
    await step.getByRole("button", { name: /^Run(…)?$/ }).click();
    await expect(step.getByTestId("log-line-count")).toHaveText(SHOWN, { timeout: 120_000 });
    metrics.allLinesShownMs = Date.now() - clicked;
    await expect(step).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
    await expect(log).toHaveAttribute("data-follow", "true");
    await expect(log.getByTestId("log-line").filter({ hasText: "line 100000 " })).toBeVisible();
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    metrics.longTasks = longTasks.length;
    metrics.longestTaskMs = Math.round(Math.max(0, ...longTasks));
    metrics.longTasksTotalMs = Math.round(longTasks.reduce((a, b) => a + b, 0));
  });

  await test.step("the DOM holds a window of lines, not 100k", async () => {
    const nodes = await lineNodes(log);
    metrics.lineNodes = nodes;
    expect(nodes).toBeGreaterThan(10);
    expect(nodes).toBeLessThan(500);
    metrics.domNodes = await page.evaluate(() => document.getElementsByTagName("*").length);
    metrics.heapMb = await page.evaluate(() => {
      const m = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      return m ? Math.round(m.usedJSHeapSize / 1024 / 1024) : -1;
    });
  });

  await test.step("search the whole output: a match count within a couple of seconds, then jump between matches", async () => {
    const search = step.getByRole("searchbox", { name: "Search output" });
    const count = step.getByTestId("log-match-count");
    await search.fill("line 077777 ");
    metrics.searchOneMatchMs = await timeUntil(async () => (await count.textContent()) === "1 of 1", 2_000);
    // The match is scrolled into view and highlighted; following stopped.
    await expect(log.locator("mark[data-current]")).toHaveText("line 077777 ");
    await expect(log).toHaveAttribute("data-follow", "false");

    await search.fill("line 0999");
    metrics.searchHundredMatchesMs = await timeUntil(async () => /of 100$/.test((await count.textContent()) ?? ""), 2_000);
    const before = await count.textContent();
    await search.press("Enter");
    await expect(count).not.toHaveText(before ?? "");
    await expect(log.locator("mark[data-current]")).toBeVisible();

    // Every line matches (the info line's "lines" too).
    await search.fill("line");
    metrics.searchEveryLineMs = await timeUntil(async () => /of 100,001$/.test((await count.textContent()) ?? ""), 5_000);
    // Typing stays responsive even while the log is searched: one frame's round trip.
    metrics.frameAfterSearchMs = await page.evaluate(() => new Promise<number>((resolve) => {
      const t0 = performance.now();
      requestAnimationFrame(() => resolve(Math.round(performance.now() - t0)));
    }));
    await search.fill("");
    expect(await lineNodes(log)).toBeLessThan(500);
  });

  await test.step("scrolling up stops following; the toggle brings the end back", async () => {
    await page.getByRole("button", { name: "Follow output" }).click();
    await expect(log).toHaveAttribute("data-follow", "true");
    await expect(log.getByTestId("log-line").filter({ hasText: "line 100000 " })).toBeVisible();
    await log.hover();
    await page.mouse.wheel(0, -2_000);
    await expect(log).toHaveAttribute("data-follow", "false");
    await expect(log.getByTestId("log-line").filter({ hasText: "line 100000 " })).toBeHidden();
    await page.getByRole("button", { name: "Follow output" }).click();
    await expect(log.getByTestId("log-line").filter({ hasText: "line 100000 " })).toBeVisible();
  });

  await test.step("download returns all 100k lines", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), step.getByTestId("download-output").click()]);
    const text = readFileSync((await download.path()) ?? "", "utf8");
    const lines = text.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines[0]).toMatch(/^▶ shell/);
    expect(lines).toHaveLength(LINES + 1);
    expect(lines[1]).toMatch(/^line 000001 0123/);
    expect(lines[LINES]).toMatch(/^line 100000 0123/);
    metrics.downloadBytes = Buffer.byteLength(text);
  });

  await test.step("a watcher opening the finished run sees the end at once, then the whole log, still virtualized", async () => {
    // The page embeds the output's tail, not 10 MB of it: the rest is fetched after it shows.
    const html = await (await page.request.get(page.url())).text();
    metrics.pageHtmlBytes = Buffer.byteLength(html);
    expect(metrics.pageHtmlBytes).toBeLessThan(600_000);
    const opened = Date.now();
    await page.reload();
    await expect(log.getByTestId("log-line").first()).toBeVisible({ timeout: 30_000 });
    metrics.reloadToFirstLinesMs = Date.now() - opened;
    await expect(step.getByTestId("log-line-count")).toHaveText(SHOWN, { timeout: 60_000 });
    metrics.reloadToAllLinesMs = Date.now() - opened;
    await expect(step.getByTestId("earlier-output")).toHaveCount(0);
    const reloadTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    metrics.reloadLongestTaskMs = Math.round(Math.max(0, ...reloadTasks));
    expect(await lineNodes(log)).toBeLessThan(500);
    const search = step.getByRole("searchbox", { name: "Search output" });
    await search.fill("line 000042 ");
    await expect(step.getByTestId("log-match-count")).toHaveText("1 of 1", { timeout: 2_000 });
  });

  await test.step("away and back in the same tab: the page reuses its cache and adds the head only once", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Runs", exact: true }).click();
    await page.waitForURL(/\/runs$/);
    await page.goBack();
    await expect(step.getByTestId("log-line-count")).toHaveText(SHOWN, { timeout: 30_000 });
    // Give a second fetch of the head time to land, were one made.
    await page.waitForTimeout(2_000);
    await expect(step.getByTestId("log-line-count")).toHaveText(SHOWN);
    await expect(step.getByTestId("earlier-output")).toHaveCount(0);
  });

  await test.step("when the earlier output cannot be fetched the page says so, keeps the end, and retries", async () => {
    await page.route("**/earlier?*", (r) => r.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { message: "the desk is restarting" } }) }));
    await page.reload();
    const banner = step.getByTestId("earlier-output");
    await expect(banner).toContainText("could not be loaded (the desk is restarting)");
    await expect(step.getByTestId("log-line-count")).not.toHaveText(SHOWN);
    // What the page has is the end, not the beginning.
    await expect(log.getByTestId("log-line").filter({ hasText: "line 000001 " })).toHaveCount(0);
    await page.getByRole("button", { name: "Follow output" }).click();
    await expect(log.getByTestId("log-line").filter({ hasText: "line 100000 " })).toBeVisible();
    await page.unroute("**/earlier?*");
    await banner.getByRole("button", { name: "Retry" }).click();
    await expect(step.getByTestId("log-line-count")).toHaveText(SHOWN, { timeout: 60_000 });
    await expect(banner).toHaveCount(0);
  });

  await test.step("finish the run (the overview's in-progress list stays short)", async () => {
    await page.getByRole("button", { name: "Mark run succeeded" }).click();
    await expect(page.getByTestId("run-status")).toHaveText("Succeeded", { timeout: 10_000 });
  });

  await testInfo.attach("big-output-metrics", { body: JSON.stringify(metrics, null, 2), contentType: "application/json" });
  console.log("big-output metrics", JSON.stringify(metrics));
});

test("search reads result tables: the match is marked in its cell and scrolled into view", async ({ page }) => {
  const name = `log-tables-${suffix}`;
  // Two result sets of 40 rows: more than the log and each table show at once.
  await importRunbook(
    page,
    `# Log tables ${suffix}\n\n## Tabulate\n\n\`\`\`sql\nSELECT 'order-' || g AS ref, g * 7 AS total FROM generate_series(1, 40) g;\nSELECT 'refund-' || g AS ref FROM generate_series(1, 40) g;\n\`\`\`\n`,
    name,
  );
  await startRun(page, name);
  const step = page.getByRole("article", { name: /Tabulate/ });
  await step.getByRole("button", { name: /^Run(…)?$/ }).click();
  await expect(step).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  const search = step.getByRole("searchbox", { name: "Search output" });
  await search.fill("REFUND-37");
  await expect(step.getByTestId("log-match-count")).toHaveText("1 of 1");
  const cell = step.getByTestId("step-output-table").nth(1).getByRole("cell", { name: "refund-37", exact: true });
  await expect(cell.locator("mark[data-current]")).toHaveText("refund-37");
  await expect(cell).toBeInViewport();
  // Every matching cell counts: order-1 and order-10 … order-19.
  await search.fill("order-1");
  await expect(step.getByTestId("log-match-count")).toHaveText(/of 11$/);
  await expect(step.getByTestId("step-output-table").nth(0).locator("mark")).toHaveCount(11);
});

test("long lines can be wrapped, and unwrapped again", async ({ page }) => {
  const name = `log-wrap-${suffix}`;
  // One 3,000-character line between two short ones: the log fits without scrolling down.
  await importRunbook(page, `# Log wrap ${suffix}\n\n## Print wide\n\n\`\`\`bash\necho first; printf 'w%.0s' $(seq 1 3000); echo; echo last\n\`\`\`\n`, name);
  await startRun(page, name);
  const step = page.getByRole("article", { name: /Print wide/ });
  await step.getByRole("button", { name: /^Run(…)?$/ }).click();
  await expect(step).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  const log = step.getByTestId("step-output-text");
  const wide = log.getByTestId("log-line").filter({ hasText: "wwwwwwwwww" });
  const last = log.getByTestId("log-line").filter({ hasText: /^\d+last$/ });
  const sideways = () => log.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(await sideways()).toBeGreaterThan(1_000);
  expect((await wide.boundingBox())?.height).toBe(20);

  const wrapButton = step.getByRole("button", { name: "Wrap lines" });
  await wrapButton.click();
  await expect(wrapButton).toHaveAttribute("aria-pressed", "true");
  await expect(log).toHaveAttribute("data-wrap", "true");
  await expect.poll(sideways).toBeLessThanOrEqual(0);
  // The wrapped line takes several rows, and the next line sits below it, not on top of it.
  await expect.poll(async () => (await wide.boundingBox())?.height ?? 0).toBeGreaterThan(60);
  const wideBox = await wide.boundingBox();
  const lastBox = await last.boundingBox();
  expect(lastBox?.y ?? 0).toBeGreaterThanOrEqual((wideBox?.y ?? 0) + (wideBox?.height ?? 0) - 1);

  await wrapButton.click();
  await expect(log).toHaveAttribute("data-wrap", "false");
  await expect.poll(async () => (await wide.boundingBox())?.height ?? 0).toBe(20);
  await expect.poll(sideways).toBeGreaterThan(1_000);
});

test("reloading mid-stream: the page's tail, the fetched head and the live rest make every line exactly once", async ({ page }) => {
  test.setTimeout(180_000);
  const name = `log-midstream-${suffix}`;
  // 100k lines in 40 bursts a tenth of a second apart: the page is reloaded while it prints.
  const command = `seq -f "line %06.0f ${"0123456789".repeat(8)}01234" 1 ${LINES} | awk '{ print; if (NR % 2500 == 0) { fflush(); system("sleep 0.1") } }'`;
  await importRunbook(page, `# Mid-stream ${suffix}\n\n## Print slowly\n\n\`\`\`bash\n${command}\n\`\`\`\n`, name);
  await startRun(page, name);
  const step = page.getByRole("article", { name: /Print slowly/ });
  await step.getByRole("button", { name: /^Run(…)?$/ }).click();
  const count = step.getByTestId("log-line-count");
  // More than a page's tail has been printed (about 1 MB), and the step is still running.
  await expect.poll(async () => Number((await count.textContent())?.replace(/\D/g, "") || 0), { timeout: 60_000 }).toBeGreaterThan(10_000);
  await expect(step).toHaveAttribute("data-status", "running");
  await page.reload();
  await expect(step).toHaveAttribute("data-status", "succeeded", { timeout: 120_000 });
  await expect(count).toHaveText(SHOWN, { timeout: 60_000 });
  await expect(step.getByTestId("earlier-output")).toHaveCount(0);
  const search = step.getByRole("searchbox", { name: "Search output" });
  const matches = step.getByTestId("log-match-count");
  for (const n of ["000001", "012345", "050000", "099999", "100000"]) {
    await search.fill(`line ${n} `);
    await expect(matches).toHaveText("1 of 1");
  }
});
