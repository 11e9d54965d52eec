import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { bigRunbook } from "../lib/importer/big-runbook";
import { displayName } from "./users";

// Import through the UI (paste and upload), check the preview, save, and read the checklist.
// Every run uses its own names, so runs never see each other's runbooks.
const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const fixture = (name: string) => readFileSync(path.join(__dirname, "fixtures", name));

function pastedRunbook(title: string, verifyWord = "Verification"): string {
  return `# ${title}

Roll back the coupon release. Work top to bottom.

## Prerequisites

- [ ] Announce maintenance in #incidents
- [x] Backup taken

Backup location: ______

## Scenario A: Deploy not finished (< 5 minutes)

\`\`\`bash
psql "$DATABASE_URL" -c "SELECT version FROM schema_migrations ORDER BY version DESC LIMIT 1;"
\`\`\`

## Scenario B: Migration applied (< 10 minutes)

### Step 1: Drop the new column (2 minutes)

\`\`\`sql
ALTER TABLE orders DROP COLUMN coupon_code;
\`\`\`

### Step 2: Confirm the column is gone

\`\`\`sql
SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'coupon_code';
-- Expected: 0
\`\`\`

## ${verifyWord}

| Check | Result |
|---|---|
| Checkout health | ____ |

\`\`\`bash
curl -fsS "$APP_URL/health"
# Expected: 200
\`\`\`
`;
}

async function previewPaste(page: Page, text: string, name: string) {
  await page.getByLabel("Runbook Markdown").fill(text);
  await page.getByLabel(/^Name/).fill(name);
  await page.getByRole("button", { name: "Preview" }).click();
}

const tile = (page: Page, item: string, id: string) =>
  page.getByRole("listitem", { name: item }).getByTestId(`preview-${id}`).locator("dd");

test("paste a runbook: preview, save, read it as a checklist, switch scenario, diff versions", async ({ page }, testInfo) => {
  const name = `coupon-rollback-${runId}`;
  const title = `Coupon rollback ${runId}`;

  await test.step("preview shows what the importer understood, before anything is saved", async () => {
    await page.goto("/import");
    await previewPaste(page, pastedRunbook(title), name);
    const item = page.getByRole("listitem", { name });
    await expect(item).toHaveAttribute("data-status", "ready");
    await expect(tile(page, name, "steps")).toHaveText("4");
    await expect(tile(page, name, "destructive")).toHaveText("1");
    await expect(tile(page, name, "checks")).toHaveText("2");
    await expect(tile(page, name, "blanks")).toHaveText("2");
    await expect(tile(page, name, "scenarios")).toHaveText("2");
    await expect(item.getByRole("list", { name: "Destructive steps" })).toContainText("Drop the new column");
    await expect(item.getByRole("list", { name: "Variables needed" })).toContainText("DATABASE_URL");
    await expect(item.getByRole("list", { name: "Variables needed" })).toContainText("APP_URL");
    await expect(item.getByRole("list", { name: "Executors" })).toContainText("sql");
    await expect(item.getByRole("list", { name: "Executors" })).toContainText("http");
    await expect(item).toContainText(`New runbook · /runbooks/${name}`);
    // Nothing saved yet: the runbook page does not exist.
    const res = await page.request.get(`/runbooks/${name}`);
    expect(await res.text()).toContain("No such runbook");
    await testInfo.attach("import-preview", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  });

  await test.step("save and open the runbook", async () => {
    await page.getByRole("button", { name: "Save runbook" }).click();
    await expect(page.getByTestId("saved-status")).toHaveText("Saved as v1");
    await page.getByTestId("open-runbook").click();
    await expect(page).toHaveURL(new RegExp(`/runbooks/${name}$`));
    await expect(page.getByRole("heading", { level: 1, name: title }).first()).toBeVisible();
  });

  await test.step("the checklist: step cards, badges, budgets, checks, blanks, tables", async () => {
    const doc = page.getByTestId("runbook-document");
    const cards = doc.getByTestId("step-card");
    await expect(cards).toHaveCount(4);
    await expect(cards.nth(1)).toHaveAttribute("data-destructive", "true");
    await expect(cards.nth(1).getByTestId("destructive-badge")).toBeVisible();
    await expect(cards.nth(1).getByTestId("executor-badge")).toHaveText("sql");
    await expect(cards.nth(3).getByTestId("executor-badge")).toHaveText("http");
    await expect(doc.getByTestId("destructive-badge")).toHaveCount(1);
    await expect(cards.nth(2).getByRole("list", { name: "Expectations" })).toContainText("value = 0");
    await expect(cards.nth(0).getByRole("list", { name: "Variables" })).toContainText("DATABASE_URL");
    // Highlighted code: the SQL keyword is a token, not plain text.
    await expect(cards.nth(1).locator(".hljs-keyword").first()).toBeVisible();
    const budgets = doc.getByTestId("budget-badge");
    await expect(budgets.filter({ hasText: "≤ 5 min" })).toHaveCount(1);
    await expect(budgets.filter({ hasText: "≤ 10 min" })).toHaveCount(1);
    await expect(budgets.filter({ hasText: "≤ 2 min" })).toHaveCount(1);
    const boxes = doc.getByRole("checkbox");
    await expect(boxes).toHaveCount(2);
    await expect(boxes.nth(0)).not.toBeChecked();
    await expect(boxes.nth(1)).toBeChecked();
    await expect(boxes.nth(0)).toBeDisabled();
    await expect(doc.locator("[data-blank]")).toHaveCount(2);
    await expect(doc.getByRole("table")).toContainText("Checkout health");
    await expectEveryLineShown(page);
    await testInfo.attach("runbook-all", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  });

  await test.step("choosing a scenario folds away the other one and keeps shared sections", async () => {
    const doc = page.getByTestId("runbook-document");
    const alter = doc.getByTestId("step-card").filter({ hasText: "DROP COLUMN coupon_code" });
    const select = doc.getByTestId("step-card").filter({ hasText: "schema_migrations" });
    await page.getByRole("navigation", { name: "Scenario" }).getByRole("link", { name: /Scenario A/ }).click();
    await expect(page).toHaveURL(/[?&]scenario=scenario-a\b/);
    await expect(select).toBeVisible();
    await expect(alter).toBeHidden();
    await expect(doc.getByText("Announce maintenance in #incidents")).toBeVisible();
    await expect(doc.getByTestId("step-card").filter({ hasText: "/health" })).toBeVisible();
    await expect(page.getByTestId("start-run")).toHaveAttribute(
      "href",
      `/runs/new?runbook=${name}&version=1&scenario=scenario-a`,
    );
    await testInfo.attach("runbook-scenario-a", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });

    await page.getByRole("navigation", { name: "Scenario" }).getByRole("link", { name: /Scenario B/ }).click();
    await expect(page).toHaveURL(/[?&]scenario=scenario-b\b/);
    await expect(alter).toBeVisible();
    await expect(select).toBeHidden();

    await page.getByRole("navigation", { name: "Scenario" }).getByRole("link", { name: "All scenarios" }).click();
    await expect(alter).toBeVisible();
    await expect(select).toBeVisible();
    await expect(page.getByTestId("start-run")).toHaveAttribute("href", `/runs/new?runbook=${name}&version=1`);
  });

  await test.step("re-import changed text: version 2, history and a line diff", async () => {
    await page.goto("/import");
    await previewPaste(page, pastedRunbook(title, "Final verification"), name);
    await expect(page.getByRole("listitem", { name })).toContainText(`New version of “${title}” (now v1)`);
    await page.getByRole("button", { name: "Save as v2" }).click();
    await expect(page.getByTestId("saved-status")).toHaveText("Saved as v2");
    await page.getByTestId("open-runbook").click();
    await expect(page.getByTestId("version-line")).toContainText("Version 2 (latest)");
    const versions = page.getByRole("list", { name: "Versions" });
    await expect(versions.getByRole("listitem")).toHaveCount(2);
    await expect(versions).toContainText(displayName("commander"));
    await versions.getByRole("link", { name: "diff v1" }).click();
    await expect(page).toHaveURL(/diff=1\.\.2/);
    const diff = page.getByTestId("version-diff");
    await expect(diff.locator('[data-diff="del"] [data-diff-text]')).toHaveText(["## Verification"]);
    await expect(diff.locator('[data-diff="add"] [data-diff-text]')).toHaveText(["## Final verification"]);
    await testInfo.attach("runbook-diff", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  });
});

test("upload several files at once; refused files say why and nothing is lost", async ({ page }, testInfo) => {
  const uploadName = `ledger-${runId}.md`;
  const xssName = `xss-${runId}.md`;

  await test.step("pasted text that cannot be imported stays in the box with a clear error", async () => {
    await page.goto("/import");
    await page.getByLabel("Runbook Markdown").fill("   \n\n  ");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("listitem", { name: "Pasted text" }).getByRole("alert")).toHaveText(
      "The document is empty: there is nothing to import.",
    );
    const big = `# Big\n\n${"x".repeat(5 * 1024 * 1024)}`;
    await page.getByLabel("Runbook Markdown").fill(big);
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("listitem", { name: "Pasted text" }).getByRole("alert")).toHaveText(
      "The document is larger than 5 MB.",
    );
    expect(await page.getByLabel("Runbook Markdown").inputValue()).toHaveLength(big.length);
  });

  await test.step("two Markdown files, a binary one and an oversized one", async () => {
    await page.getByTestId("file-input").setInputFiles([
      { name: uploadName, mimeType: "text/markdown", buffer: fixture("upload-runbook.md") },
      { name: xssName, mimeType: "text/markdown", buffer: fixture("xss-runbook.md") },
      { name: `binary-${runId}.md`, mimeType: "text/markdown", buffer: Buffer.from([0x23, 0x20, 0x41, 0x00, 0x01, 0x02, 0x0a]) },
      { name: `huge-${runId}.md`, mimeType: "text/markdown", buffer: Buffer.alloc(5 * 1024 * 1024 + 10, 0x61) },
    ]);
    await expect(page.getByRole("listitem", { name: uploadName })).toHaveAttribute("data-status", "ready");
    await expect(tile(page, uploadName, "steps")).toHaveText("3");
    await expect(tile(page, uploadName, "destructive")).toHaveText("1");
    await expect(tile(page, uploadName, "checks")).toHaveText("2");
    await expect(tile(page, uploadName, "blanks")).toHaveText("1");
    await expect(page.getByRole("listitem", { name: uploadName }).getByRole("list", { name: "Executors" })).toContainText("restore");
    await expect(page.getByRole("listitem", { name: xssName })).toHaveAttribute("data-status", "ready");
    await expect(page.getByRole("listitem", { name: `binary-${runId}.md` }).getByRole("alert")).toHaveText(
      "The document looks binary (it contains NUL bytes), not Markdown.",
    );
    await expect(page.getByRole("listitem", { name: `huge-${runId}.md` }).getByRole("alert")).toHaveText("The document is larger than 5 MB.");
    await testInfo.attach("import-upload", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  });

  await test.step("save all: both documents become runbooks", async () => {
    await page.getByRole("button", { name: "Save all 2" }).click();
    await expect(page.getByRole("listitem", { name: uploadName }).getByTestId("saved-status")).toHaveText("Saved as v1");
    await expect(page.getByRole("listitem", { name: xssName }).getByTestId("saved-status")).toHaveText("Saved as v1");
    await page.getByRole("listitem", { name: uploadName }).getByTestId("open-runbook").click();
    const doc = page.getByTestId("runbook-document");
    await expect(doc.getByTestId("step-card")).toHaveCount(3);
    await expect(doc.getByTestId("step-card").nth(1).getByTestId("executor-badge")).toHaveText("restore");
    await expect(doc.getByTestId("step-card").nth(1).getByTestId("destructive-badge")).toBeVisible();
    await expect(doc.getByText("Front matter")).toBeVisible();
    await expectEveryLineShown(page);
  });
});

test("a hostile runbook renders inert", async ({ page }, testInfo) => {
  const name = `xss-inert-${runId}.md`;
  await page.goto("/import");
  await page.getByTestId("file-input").setInputFiles([{ name, mimeType: "text/markdown", buffer: fixture("xss-runbook.md") }]);
  await expect(page.getByRole("listitem", { name })).toHaveAttribute("data-status", "ready");
  await page.getByRole("button", { name: "Save runbook" }).click();
  await page.getByTestId("open-runbook").click();

  const doc = page.getByTestId("runbook-document");
  await expect(doc).toBeVisible();
  await test.step("nothing ran on load, and the HTML is shown as text", async () => {
    await page.waitForLoadState("load");
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    await expect(doc.getByText("<script>window.__xss=1</script>").first()).toBeVisible();
    await expect(doc.getByText('<img src=x onerror="window.__xss=1">')).toBeVisible();
    // The page's own scripts carry the document as data; none is the document's script itself.
    const documentScripts = await page.evaluate(
      () => Array.from(document.querySelectorAll("script")).filter((s) => s.textContent?.trim() === "window.__xss=1").length,
    );
    expect(documentScripts).toBe(0);
    await expect(page.locator("img[onerror], [onmouseover]")).toHaveCount(0);
    await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
  });
  await test.step("clicking the javascript: links does nothing", async () => {
    await doc.getByText("click", { exact: true }).click();
    await doc.getByText("click too", { exact: true }).click();
    await doc.getByText("hover me").hover();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    await expect(page).toHaveURL(/\/runbooks\/xss-inert-/);
  });
  await testInfo.attach("xss", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
});

test("seed runbook 000 imports with its scenarios in the picker", async ({ page }, testInfo) => {
  const dir = path.join(__dirname, "..", "..", "shared", "runbooks");
  const file = readdirSync(dir).find((f) => f.startsWith("000_") && f.endsWith(".md"));
  expect(file, "seed runbook 000 in ../shared/runbooks").toBeTruthy();
  const name = `seed-000-${runId}.md`;
  await page.goto("/import");
  await page.getByTestId("file-input").setInputFiles([{ name, mimeType: "text/markdown", buffer: readFileSync(path.join(dir, file ?? "")) }]);
  const item = page.getByRole("listitem", { name });
  await expect(item).toHaveAttribute("data-status", "ready");
  await expect(item.getByRole("list", { name: "Scenarios" })).toContainText("Scenario B");
  await page.getByRole("button", { name: "Save runbook" }).click();
  await page.getByTestId("open-runbook").click();
  const picker = page.getByRole("navigation", { name: "Scenario" });
  for (const letter of ["B", "C", "D"]) {
    await expect(picker.getByRole("link", { name: new RegExp(`^Scenario ${letter}\\b`) })).toBeVisible();
  }
  await expect(page.getByTestId("step-card").first()).toBeVisible();
  await expectEveryLineShown(page);

  await picker.getByRole("link", { name: /^Scenario C\b/ }).click();
  await expect(page).toHaveURL(/scenario=scenario-c\b/, { timeout: 15_000 });
  const other = page.locator('[data-testid="section"][data-other-scenario="true"]');
  await expect(other.first()).toBeAttached();
  // Sections of other scenarios are folded: none of their step cards is visible.
  const hiddenCards = other.getByTestId("step-card");
  expect(await hiddenCards.count()).toBeGreaterThan(0);
  for (const card of await hiddenCards.all()) await expect(card).toBeHidden();
  await expect(page.locator('[data-testid="section"][data-scenario="scenario-c"]').first()).toHaveAttribute("open", "");
  await testInfo.attach("seed-000-scenario-c", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
});

// No line of the source is lost: the rendered blocks' line ranges cover 1..lineCount.
async function expectEveryLineShown(page: Page) {
  const { lineCount, covered } = await page.getByTestId("runbook-document").evaluate((el) => {
    const seen = new Set<number>();
    for (const node of Array.from(el.querySelectorAll("[data-lines]"))) {
      const [a, b] = (node.getAttribute("data-lines") ?? "").split("-").map(Number);
      for (let l = a ?? 0; l <= (b ?? -1); l++) seen.add(l);
    }
    return { lineCount: Number(el.getAttribute("data-line-count")), covered: Array.from(seen) };
  });
  expect(lineCount).toBeGreaterThan(0);
  const missing = Array.from({ length: lineCount }, (_, i) => i + 1).filter((l) => !covered.includes(l));
  expect(missing).toEqual([]);
}

test("a big runbook is parsed off the server's thread: the desk keeps answering meanwhile", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const dir = path.join(__dirname, "..", "..", "shared", "runbooks");
  const seeds = readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .map((f) => readFileSync(path.join(dir, f), "utf8"));
  // About 1.5 MB: a few seconds of parsing.
  const name = `big-${runId}.md`;
  await page.goto("/import");
  await page.getByTestId("file-input").setInputFiles([{ name, mimeType: "text/markdown", buffer: Buffer.from(bigRunbook(seeds, 1_500_000)) }]);
  const item = page.getByRole("listitem", { name });
  // Until the preview is back, ask the same server for its health page again and again.
  const latencies: number[] = [];
  const started = Date.now();
  while (!["ready", "error"].includes((await item.getAttribute("data-status")) ?? "") && Date.now() - started < 90_000) {
    const t0 = Date.now();
    expect((await page.request.get("/api/health")).status()).toBeLessThan(600);
    latencies.push(Date.now() - t0);
    await page.waitForTimeout(100);
  }
  await expect(item).toHaveAttribute("data-status", "ready");
  const previewMs = Date.now() - started;
  testInfo.annotations.push({ type: "big-import", description: JSON.stringify({ previewMs, healthRequests: latencies.length, slowestHealthMs: Math.max(...latencies) }) });
  console.log("big import", JSON.stringify({ previewMs, healthRequests: latencies.length, slowestHealthMs: Math.max(...latencies) }));
  // Parsing on the server's own thread, one health request would wait for all of it.
  expect(previewMs).toBeGreaterThan(1_500);
  expect(latencies.length).toBeGreaterThan(3);
  expect(Math.max(...latencies)).toBeLessThan(previewMs / 2);

  // Saving reuses the preview's parse of the same text.
  const saving = Date.now();
  await page.getByRole("button", { name: "Save runbook" }).click();
  await expect(page.getByTestId("saved-status")).toHaveText("Saved as v1", { timeout: 60_000 });
  console.log("big import save", JSON.stringify({ saveMs: Date.now() - saving }));
});
