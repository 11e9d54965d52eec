import type { Browser, BrowserContext } from "@playwright/test";

// The people of the e2e suite. e2e/auth.setup.ts creates them (through `desk user add`, against
// the desk Playwright started) and saves each one's signed-in browser state.

export const DATA_DIR = process.env.E2E_DATA_DIR ?? ".data/e2e";
export const PASSWORD = "e2e password, long enough";
export const ADMIN = { email: "admin@e2e.test", name: "Administrator" };

export const USERS = {
  commander: { email: "cora@e2e.test", name: "Cora Commander", roles: ["commander", "reviewer"] },
  approver: { email: "abe@e2e.test", name: "Abe Approver", roles: ["commander"] },
  viewer: { email: "wendy@e2e.test", name: "Wendy Watcher", roles: ["viewer"] },
  late: { email: "lena@e2e.test", name: "Lena Late", roles: ["viewer"] },
} as const;

export type Person = keyof typeof USERS | "admin";

export function statePath(person: Person): string {
  return `${DATA_DIR}-auth/${person}.json`;
}

/** A browser context signed in as this person. */
export function contextAs(browser: Browser, person: Person): Promise<BrowserContext> {
  return browser.newContext({ storageState: statePath(person) });
}

/** The name presence and the run log show for this person. */
export function displayName(person: Person): string {
  return person === "admin" ? ADMIN.name : USERS[person].name;
}
