import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { expect, request, test as setup } from "@playwright/test";
import { ADMIN, DATA_DIR, PASSWORD, statePath, USERS, type Person } from "./users";

// Creates the suite's users on the desk Playwright started and signs each one in once. The
// commander signs in through the sign-in page (the path people take); the rest through the API.

const PORT = process.env.E2E_PORT ?? "3107";
const BASE = `http://localhost:${PORT}`;

function deskEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // No DATABASE_URL: the CLI finds the running desk through its data directory.
  const { DATABASE_URL: _db, SANDBOX_DATABASE_URL: _sb, ...rest } = process.env;
  return { ...rest, DESK_DATA_DIR: DATA_DIR, PORT, ...extra };
}

function addUser(email: string, name: string, roles: readonly string[]): void {
  try {
    execFileSync(process.execPath, ["bin/desk.js", "user", "add", email, "--name", name, ...roles.flatMap((r) => ["--role", r])], {
      env: deskEnv({ DESK_NEW_USER_PASSWORD: PASSWORD }),
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
      timeout: 60_000,
    });
  } catch (e) {
    // A data directory kept from an earlier run already has them.
    const stderr = (e as { stderr?: string }).stderr ?? "";
    if (!/already exists/.test(stderr)) throw new Error(`desk user add ${email} failed: ${stderr}`);
  }
}

async function apiSignIn(person: Person, email: string, password: string): Promise<void> {
  const ctx = await request.newContext({ baseURL: BASE });
  const res = await ctx.post("/api/auth/sign-in/email", { data: { email, password }, headers: { origin: BASE } });
  expect(res.status(), `sign-in of ${email}`).toBe(200);
  await ctx.storageState({ path: statePath(person) });
  await ctx.dispose();
}

setup("users exist and are signed in", async ({ page }) => {
  mkdirSync(`${DATA_DIR}-auth`, { recursive: true });
  for (const u of Object.values(USERS)) addUser(u.email, u.name, u.roles);

  await setup.step("an anonymous visitor is sent to sign in, and a wrong password is refused", async () => {
    await page.goto("/runs");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fruns/);
    await page.getByLabel("Email").fill(USERS.commander.email);
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText(/invalid/i);
  });

  await setup.step("the commander signs in through the page and lands where they were going", async () => {
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/runs$/);
    await expect(page.getByTestId("user-menu")).toContainText(USERS.commander.name);
    await page.context().storageState({ path: statePath("commander") });
  });

  for (const person of ["approver", "viewer", "late"] as const) await apiSignIn(person, USERS[person].email, PASSWORD);
  await apiSignIn("admin", ADMIN.email, PASSWORD);
});
