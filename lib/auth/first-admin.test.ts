import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { completeSetup, ensureFirstAdmin } from "./users";
import { loadGrants } from "./session";

// A desk with no users prints a one-time link; the link makes exactly one admin, once.

describe("first admin", () => {
  it("prints a one-time setup link, which creates one admin and then stops working", async () => {
    expect(await db.user.count()).toBe(0);
    const lines: string[] = [];
    await ensureFirstAdmin({ baseUrl: "http://desk.test", log: (l) => lines.push(l) });
    const token = /\/setup\?token=([\w-]+)/.exec(lines.join("\n"))?.[1] ?? "";
    expect(token.length).toBeGreaterThan(20);
    // Only a hash of the token is stored.
    expect(await db.verification.count({ where: { value: token } })).toBe(0);

    const account = { email: "first@desk.test", name: "First", password: "a long first password" };
    await expect(completeSetup("wrong-token-wrong-token", account)).rejects.toThrow(/invalid or has expired/);
    const { id } = await completeSetup(token, account);
    expect(await loadGrants(id)).toEqual([{ role: "admin", targetName: null }]);
    await expect(completeSetup(token, { ...account, email: "second@desk.test" })).rejects.toThrow(/invalid or has expired/);

    // With a user present, nothing more is printed or created.
    const later: string[] = [];
    await ensureFirstAdmin({ baseUrl: "http://desk.test", log: (l) => later.push(l) });
    expect(later).toEqual([]);
    expect(await db.user.count()).toBe(1);
  });
});
