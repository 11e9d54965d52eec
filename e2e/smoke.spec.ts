import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";

test("home loads, health is green, a demo runbook is listed", async ({ page, request }, testInfo) => {
  await test.step("health is green", async () => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { ok: boolean; appDb: { ok: boolean }; s3: { ok: boolean }; sandbox: { ok: boolean } };
    expect(body).toMatchObject({ ok: true, appDb: { ok: true }, s3: { ok: true }, sandbox: { ok: true } });
  });
  await test.step("library lists the demo runbooks", async () => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Runbook library" })).toBeVisible();
    const list = page.getByRole("list", { name: "Runbooks" });
    await expect(list.getByRole("listitem")).not.toHaveCount(0);
    await expect(list).toContainText("steps");
    await expect(page.getByRole("list", { name: "Targets" })).toContainText("sandbox");
  });
  await testInfo.attach("home", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
});

test("targets page shows the sandbox reachable without leaking its connection", async ({ page }) => {
  await page.goto("/targets");
  await expect(page.getByTestId("target-status-sandbox")).toContainText("reachable · PostgreSQL 15");
  const html = await page.content();
  const password = readFileSync(".data/e2e/pg-password", "utf8").trim();
  expect(password.length).toBeGreaterThan(10);
  expect(html).not.toContain(password);
  expect(html).not.toMatch(/postgres(ql)?:\/\//);
});
