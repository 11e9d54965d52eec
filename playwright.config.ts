import { defineConfig } from "@playwright/test";

// e2e runs the real desk (`npm start` path: embedded Postgres + S3 + sandbox) in its own data
// directory and drives Debian's Chromium; nothing is downloaded.
const port = Number(process.env.E2E_PORT ?? 3107);
const dataDir = process.env.E2E_DATA_DIR ?? ".data/e2e";

export default defineConfig({
  testDir: "e2e",
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  timeout: 60_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    // Everything runs signed in as the commander unless a spec opens a context as someone else.
    { name: "desk", dependencies: ["setup"], use: { storageState: `${dataDir}-auth/commander.json` } },
  ],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "node --conditions=react-server --import tsx cli/launch.ts start",
    url: `http://localhost:${port}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(port),
      // Tests that talk to the sandbox directly read E2E_DATA_DIR too (see e2e/run.spec.ts).
      DESK_DATA_DIR: dataDir,
      // The first admin (e2e/users.ts), created at first start as an automated install would.
      DESK_ADMIN_EMAIL: "admin@e2e.test",
      DESK_ADMIN_PASSWORD: "e2e password, long enough",
      // The suite signs people in several times a minute (retries, reruns on one data dir); the
      // limit itself is tested in lib/auth/sign-in.test.ts.
      DESK_SIGNIN_MAX_PER_MINUTE: "200",
      DESK_PG_PORT: "54339",
      DESK_S3_PORT: "54340",
    },
  },
});
