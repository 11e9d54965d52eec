import "server-only";
import { existsSync } from "node:fs";
import { env } from "@/lib/env";
import { SafeError } from "@/lib/errors";

// The PDF export is the report page itself, printed by Chromium with its print stylesheet, so
// the PDF never drifts from what the reviewer sees. playwright-core only drives the browser.

const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const TIMEOUT_MS = 30_000;

export async function renderReportPdf(runId: string, cookie: string | null): Promise<Uint8Array> {
  const e = env();
  if (!existsSync(e.CHROMIUM_PATH)) throw new SafeError(`PDF export needs Chromium at ${e.CHROMIUM_PATH} (set CHROMIUM_PATH).`);
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: e.CHROMIUM_PATH, args: CHROMIUM_FLAGS, timeout: TIMEOUT_MS });
  try {
    // The desk's own port on loopback: the public address may be a proxy this host cannot reach.
    const context = await browser.newContext({ extraHTTPHeaders: cookie ? { cookie } : {} });
    const page = await context.newPage();
    const response = await page.goto(`http://127.0.0.1:${e.PORT}/runs/${encodeURIComponent(runId)}/report`, { waitUntil: "networkidle", timeout: TIMEOUT_MS });
    if (!response?.ok()) throw new SafeError(`The report page answered ${response?.status() ?? "nothing"}; no PDF made.`);
    await page.emulateMedia({ media: "print" });
    // The chart draws on the client; wait for its bars when there is a chart at all.
    await page
      .locator("[data-testid=duration-chart] .recharts-bar-rectangle")
      .first()
      .waitFor({ timeout: 5_000 })
      .catch(() => undefined);
    return await page.pdf({ format: "A4", printBackground: true, margin: { top: "14mm", bottom: "14mm", left: "12mm", right: "12mm" } });
  } finally {
    await browser.close();
  }
}
