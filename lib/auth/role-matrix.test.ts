import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { RouteHandler } from "@/lib/http/route";
import { makeUser, requestHeaders, signIn, type TestUser } from "@/test/auth-fixture";

// The role matrix: every server action and every API route, called for real by every kind of
// user, against the expected allow/deny written out by hand below (not derived from the
// permission table, so a wrong permission in the code fails here). A new action or route without
// a row fails the coverage tests.

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => undefined, delete: () => undefined, has: () => false }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const PRINCIPALS = ["anonymous", "admin", "commander", "operator", "viewer", "reviewer", "stagingCommander"] as const;
type Principal = (typeof PRINCIPALS)[number];

const RUNBOOK = `# Matrix runbook

## Look

\`\`\`sql
SELECT 1;
-- Expected: 1
\`\`\`

## Change

\`\`\`sql
DELETE FROM matrix_nothing WHERE false;
DROP TABLE IF EXISTS matrix_nothing;
\`\`\`

- [ ] Checked the dashboards

Incident ID: ______
`;

interface Fixture {
  runId: string;
  users: Record<Exclude<Principal, "anonymous">, TestUser>;
}

type Input = (f: Fixture) => unknown;
interface Row {
  allowed: readonly Principal[];
  input: Input;
}

const EVERY_ROLE = ["admin", "commander", "operator", "viewer", "reviewer"] as const;
const run = (f: Fixture) => ({ runId: f.runId });

// action export name -> who may call it (with the input it is called with).
const ACTIONS: Record<string, Row | Row[]> = {
  previewRunbookAction: { allowed: ["admin", "commander", "stagingCommander"], input: () => ({ text: "# T\n", origin: "paste" }) },
  importRunbookAction: { allowed: ["admin", "commander", "stagingCommander"], input: () => ({ text: `# Imported ${Math.random()}\n`, origin: "paste" }) },
  startRunAction: { allowed: ["commander"], input: () => ({ runbookSlug: "matrix", targetName: "sandbox", scenario: null, drill: false, variables: {} }) },
  queueStepAction: [
    { allowed: ["commander", "operator"], input: (f) => ({ ...run(f), stepId: "step-1", confirmation: null, rehearsal: false }) },
    // Destructive: operators are refused by the handler's explicit check.
    { allowed: ["commander"], input: (f) => ({ ...run(f), stepId: "step-2", confirmation: "sandbox", rehearsal: false }) },
  ],
  cancelStepAction: { allowed: ["commander", "operator"], input: (f) => ({ ...run(f), stepId: "step-1" }) },
  skipStepAction: { allowed: ["commander"], input: (f) => ({ ...run(f), stepId: "step-1", reason: "matrix" }) },
  markManualDoneAction: { allowed: ["commander", "operator"], input: (f) => ({ ...run(f), stepId: "step-1", note: "", output: "" }) },
  tickCheckAction: { allowed: ["commander", "operator"], input: (f) => ({ ...run(f), checkId: "check-1", checked: true }) },
  fillBlankAction: { allowed: ["commander", "operator"], input: (f) => ({ ...run(f), blankId: "blank-1", value: "INC-1" }) },
  acknowledgeVerdictAction: { allowed: ["commander"], input: (f) => ({ ...run(f), stepId: "step-1", note: "seen" }) },
  addCommentAction: { allowed: ["commander", "operator", "reviewer"], input: (f) => ({ ...run(f), stepId: null, text: "hello" }) },
  finishRunAction: { allowed: ["commander"], input: (f) => ({ ...run(f), status: "aborted", note: "" }) },
  requestApprovalAction: { allowed: ["commander"], input: (f) => ({ ...run(f), stepId: "step-2", reason: "" }) },
  decideApprovalAction: {
    allowed: ["commander"],
    input: (f) => ({ ...run(f), stepId: "step-2", approvalId: "00000000-0000-4000-8000-000000000000", decision: "approve", note: "" }),
  },
  breakGlassAction: { allowed: ["admin"], input: (f) => ({ ...run(f), stepId: "step-2", reason: "the matrix test needs to break glass", confirmation: "sandbox" }) },
  addReportCommentAction: { allowed: ["commander", "reviewer"], input: (f) => ({ ...run(f), stepId: null, text: "ok" }) },
  setReportFieldAction: { allowed: ["commander", "reviewer"], input: (f) => ({ ...run(f), field: "incidentId", value: "INC-1" }) },
  signOffReportAction: { allowed: ["reviewer"], input: (f) => ({ ...run(f), name: "R", note: "" }) },
  reopenReportAction: { allowed: ["reviewer"], input: (f) => ({ ...run(f), reason: "again" }) },
  createUserAction: { allowed: ["admin"], input: () => ({ email: `new-${Math.random().toString(36).slice(2)}@desk.test`, name: "N", password: "another long password" }) },
  grantRoleAction: { allowed: ["admin"], input: (f) => ({ userId: f.users.viewer.id, role: "viewer", targetName: "" }) },
  revokeRoleAction: { allowed: ["admin"], input: () => ({ grantId: "no-such-grant" }) },
  resetPasswordAction: { allowed: ["admin"], input: () => ({ userId: "no-such-user", password: "another long password" }) },
  revokeSessionsAction: { allowed: ["admin"], input: () => ({ userId: "no-such-user" }) },
  saveTargetAction: { allowed: ["admin"], input: () => ({ targetName: "matrix-target", url: "postgres://u@127.0.0.1:1/x", protected: true, description: "" }) },
  // Any signed-in user, whatever their roles.
  signOutEverywhereAction: { allowed: ["admin", "commander", "operator", "viewer", "reviewer", "stagingCommander"], input: () => ({}) },
  // Before anyone exists: guarded by its one-time token instead.
  completeSetupAction: { allowed: PRINCIPALS, input: () => ({ token: "not-the-token", name: "X", email: "x@desk.test", password: "long enough password" }) },
};

const ROUTES: Record<string, { allowed: readonly Principal[]; path: (f: Fixture) => string }> = {
  "health/route.ts": { allowed: PRINCIPALS, path: () => "/api/health" },
  "targets/[name]/status/route.ts": { allowed: [...EVERY_ROLE, "stagingCommander"], path: () => "/api/targets/sandbox/status" },
  "runs/[id]/events/route.ts": { allowed: EVERY_ROLE, path: (f) => `/api/runs/${f.runId}/events` },
  "runs/[id]/stream/route.ts": { allowed: EVERY_ROLE, path: (f) => `/api/runs/${f.runId}/stream` },
  "runs/[id]/presence/route.ts": { allowed: EVERY_ROLE, path: (f) => `/api/runs/${f.runId}/presence` },
  "runs/[id]/report/route.ts": { allowed: EVERY_ROLE, path: (f) => `/api/runs/${f.runId}/report?format=json` },
  "runs/[id]/steps/[stepId]/output/route.ts": { allowed: EVERY_ROLE, path: (f) => `/api/runs/${f.runId}/steps/step-1/output` },
  "runs/[id]/steps/[stepId]/earlier/route.ts": { allowed: EVERY_ROLE, path: (f) => `/api/runs/${f.runId}/steps/step-1/earlier?attempt=1&through=1` },
  // The runs overview: anyone with a role somewhere; the list itself is filtered per target.
  "runs/stream/route.ts": { allowed: [...EVERY_ROLE, "stagingCommander"], path: () => "/api/runs/stream" },
};
// better-auth's own endpoints: public by nature, guarded by better-auth (origin check, limits).
const UNWRAPPED_ROUTES = new Set(["auth/[...all]/route.ts"]);

function filesUnder(dir: string, name: (f: string) => boolean): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? filesUnder(full, name) : name(entry) ? [full] : [];
  });
}

const root = path.resolve(__dirname, "../..");
const actionFiles = filesUnder(path.join(root, "app"), (f) => f.endsWith(".ts")).filter((f) => /^["']use server["']/.test(readFileSync(f, "utf8")));
const routeFiles = filesUnder(path.join(root, "app/api"), (f) => f === "route.ts").map((f) => path.relative(path.join(root, "app/api"), f));

type SafeAction = (input: unknown) => Promise<{ serverError?: string } | undefined>;

async function loadActions(): Promise<Record<string, SafeAction>> {
  const all: Record<string, SafeAction> = {};
  for (const file of actionFiles) Object.assign(all, (await import(file)) as Record<string, SafeAction>);
  return all;
}

const DENIED = /^(Not allowed:|Sign in first)/;

let fx: Fixture;

beforeAll(async () => {
  const { upsertTarget } = await import("@/lib/services/targets");
  const { importRunbook } = await import("@/lib/services/runbooks");
  const { startRun } = await import("@/lib/runs/service");
  await upsertTarget({ name: "sandbox", urlEnv: "SANDBOX_DATABASE_URL" });
  await upsertTarget({ name: "staging", urlEnv: "SANDBOX_DATABASE_URL" });
  await importRunbook({ text: RUNBOOK, slug: "matrix", origin: "test", importedBy: "test" });
  const { runId } = await startRun({ runbookSlug: "matrix", targetName: "sandbox", scenario: null, variables: {}, drill: false, actor: "test" });
  const users = {
    admin: await makeUser("admin", [{ role: "admin" }]),
    commander: await makeUser("commander", [{ role: "commander" }]),
    operator: await makeUser("operator", [{ role: "operator" }]),
    viewer: await makeUser("viewer", [{ role: "viewer" }]),
    reviewer: await makeUser("reviewer", [{ role: "reviewer" }]),
    stagingCommander: await makeUser("staging-commander", [{ role: "commander", targetName: "staging" }]),
  };
  fx = { runId, users };
});

function as(p: Principal) {
  request.headers = requestHeaders(p === "anonymous" ? null : fx.users[p]);
}

describe("role matrix: server actions", () => {
  it("has a row for every exported action", async () => {
    const names = Object.keys(await loadActions());
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((n) => !(n in ACTIONS))).toEqual([]);
    expect(Object.keys(ACTIONS).filter((n) => !names.includes(n))).toEqual([]);
  });

  it("allows and denies each action exactly as the table says", async () => {
    const actions = await loadActions();
    const mismatches: string[] = [];
    // Sign-out-everywhere ends the caller's sessions: run it last.
    const order = Object.entries(ACTIONS).sort(([a], [b]) => Number(a === "signOutEverywhereAction") - Number(b === "signOutEverywhereAction"));
    for (const [name, rows] of order) {
      for (const [i, row] of (Array.isArray(rows) ? rows : [rows]).entries()) {
        for (const p of PRINCIPALS) {
          as(p);
          const action = actions[name];
          if (!action) throw new Error(`missing ${name}`);
          let denied: boolean;
          try {
            const result = await action(row.input(fx));
            denied = DENIED.test(result?.serverError ?? "");
          } catch (e) {
            // redirect() after startRun throws: the act was allowed.
            denied = DENIED.test(e instanceof Error ? e.message : "");
          }
          if (denied === row.allowed.includes(p)) mismatches.push(`${name}${i ? `#${i}` : ""} as ${p}: ${denied ? "denied" : "allowed"}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});

describe("role matrix: routes", () => {
  beforeAll(async () => {
    // The action matrix ended with everyone signing out everywhere: sign in again.
    for (const u of Object.values(fx.users)) u.cookie = await signIn(u.email);
  });

  it("has a row for every route, and every route goes through the wrapper", async () => {
    expect(routeFiles.filter((f) => !(f in ROUTES) && !UNWRAPPED_ROUTES.has(f))).toEqual([]);
    for (const f of Object.keys(ROUTES)) {
      const mod = (await import(path.join(root, "app/api", f))) as Record<string, RouteHandler>;
      const handlers = Object.entries(mod).filter(([k]) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(k));
      expect(handlers.length, f).toBeGreaterThan(0);
      for (const [, h] of handlers) expect(typeof h.permission, f).toBe("string");
    }
  });

  it("answers 401/403 exactly where the table says", async () => {
    const mismatches: string[] = [];
    for (const [file, row] of Object.entries(ROUTES)) {
      const mod = (await import(path.join(root, "app/api", file))) as { GET: RouteHandler };
      const url = `http://127.0.0.1${row.path(fx)}`;
      const params = Promise.resolve(Object.fromEntries([...file.matchAll(/\[(\w+)\]/g)].map((m) => [m[1], m[1] === "id" ? fx.runId : m[1] === "stepId" ? "step-1" : "sandbox"])));
      for (const p of PRINCIPALS) {
        const abort = new AbortController();
        const res = await mod.GET(new Request(url, { headers: requestHeaders(p === "anonymous" ? null : fx.users[p]), signal: abort.signal }), { params });
        abort.abort();
        await res.body?.cancel().catch(() => undefined);
        const denied = res.status === 401 || res.status === 403;
        if (denied === row.allowed.includes(p)) mismatches.push(`${file} as ${p}: ${res.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 60_000);
});
