import { beforeAll, describe, expect, it, vi } from "vitest";
import { makeUser, requestHeaders, type TestUser } from "@/test/auth-fixture";

// The two-person rule end to end through the server actions, as two signed-in commanders.

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => undefined, delete: () => undefined, has: () => false }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const RUNBOOK = `# Protected change

## Drop the scratch table

\`\`\`sql
DROP TABLE IF EXISTS approval_scratch;
\`\`\`

## Look

\`\`\`sql
SELECT 1;
\`\`\`

## Marked by the runbook

\`\`\`sql { approval=required }
SELECT 2;
\`\`\`

## Truncate the other scratch table

\`\`\`sql
TRUNCATE approval_scratch_two;
\`\`\`
`;

let alice: TestUser;
let bob: TestUser;
let admin: TestUser;
let runId: string;

beforeAll(async () => {
  const { upsertTarget } = await import("@/lib/services/targets");
  const { importRunbook } = await import("@/lib/services/runbooks");
  const { startRun } = await import("@/lib/runs/service");
  await upsertTarget({ name: "prod-like", urlEnv: "SANDBOX_DATABASE_URL", protected: true });
  await importRunbook({ text: RUNBOOK, slug: "protected-change", origin: "test", importedBy: "test" });
  runId = (await startRun({ runbookSlug: "protected-change", targetName: "prod-like", scenario: null, variables: {}, drill: false, actor: "test" })).runId;
  alice = await makeUser("alice", [{ role: "commander", targetName: "prod-like" }]);
  bob = await makeUser("bob", [{ role: "commander" }]);
  admin = await makeUser("root", [{ role: "admin" }]);
});

async function actions() {
  return { ...(await import("@/app/runs/[id]/actions")), ...(await import("@/app/runs/[id]/approval-actions")) };
}

async function view() {
  const { projectRun } = await import("./project");
  const { readEvents } = await import("./events");
  return projectRun(await readEvents(runId));
}

describe("two-person rule", () => {
  it("refuses to run a destructive step on a protected target without approval", async () => {
    const a = await actions();
    request.headers = requestHeaders(alice);
    const r = await a.queueStepAction({ runId, stepId: "step-1", confirmation: "prod-like", rehearsal: false });
    expect(r?.serverError).toMatch(/protected target: it needs a second commander's approval/);
    // A rehearsal changes nothing and needs none.
    expect((await a.queueStepAction({ runId, stepId: "step-4", confirmation: "prod-like", rehearsal: false }))?.serverError).toMatch(/approval/);
    expect((await a.queueStepAction({ runId, stepId: "step-4", confirmation: null, rehearsal: true }))?.data).toEqual({ attempt: 1 });
    // Nor does a read-only step the runbook does not mark.
    expect((await a.queueStepAction({ runId, stepId: "step-2", confirmation: null, rehearsal: false }))?.data).toEqual({ attempt: 1 });
  });

  it("request → self-approval refused → another commander approves → runs once", async () => {
    const a = await actions();
    request.headers = requestHeaders(alice);
    expect((await a.requestApprovalAction({ runId, stepId: "step-1", reason: "rollback INC-7" }))?.serverError).toBeUndefined();
    const requested = (await view()).approvals["step-1"];
    expect(requested).toMatchObject({ state: "requested", requestedById: alice.id, command: expect.stringContaining("DROP TABLE IF EXISTS approval_scratch"), targetName: "prod-like" });
    const approvalId = requested?.approvalId ?? "";

    const self = await a.decideApprovalAction({ runId, stepId: "step-1", approvalId, decision: "approve", note: "" });
    expect(self?.serverError).toMatch(/You requested this approval/);
    expect((await view()).approvals["step-1"]?.state).toBe("requested");

    request.headers = requestHeaders(bob);
    expect((await a.decideApprovalAction({ runId, stepId: "step-1", approvalId, decision: "approve", note: "looks right" }))?.serverError).toBeUndefined();
    expect((await view()).approvals["step-1"]).toMatchObject({ state: "granted", decidedBy: expect.stringContaining("bob") });

    request.headers = requestHeaders(alice);
    const ran = await a.queueStepAction({ runId, stepId: "step-1", confirmation: "prod-like", rehearsal: false });
    expect(ran?.serverError).toBeUndefined();
    const after = await view();
    expect(after.approvals["step-1"]?.state).toBe("used");
    const kinds = after.approvalLog.map((l) => `${l.kind}:${l.by?.split(" ")[0]}`);
    expect(kinds).toEqual(["requested:alice", "granted:bob"]);
  });

  it("a rejected request stays rejected; the runbook's own mark also gates a step", async () => {
    const a = await actions();
    request.headers = requestHeaders(bob);
    await a.requestApprovalAction({ runId, stepId: "step-3", reason: "" });
    const approvalId = (await view()).approvals["step-3"]?.approvalId ?? "";
    request.headers = requestHeaders(alice);
    expect((await a.decideApprovalAction({ runId, stepId: "step-3", approvalId, decision: "reject", note: "not during peak" }))?.serverError).toBeUndefined();
    request.headers = requestHeaders(bob);
    const r = await a.queueStepAction({ runId, stepId: "step-3", confirmation: null, rehearsal: false });
    expect(r?.serverError).toMatch(/approval was rejected/);
  });

  it("break glass: admins only, with a reason, loudly recorded, then the step runs", async () => {
    const a = await actions();
    request.headers = requestHeaders(alice);
    expect((await a.breakGlassAction({ runId, stepId: "step-3", reason: "primary is down and nobody else answers", confirmation: "prod-like" }))?.serverError).toMatch(/^Not allowed/);
    request.headers = requestHeaders(admin);
    const r = await a.breakGlassAction({ runId, stepId: "step-3", reason: "primary is down and nobody else answers", confirmation: "prod-like" });
    expect(r?.serverError).toBeUndefined();
    const v = await view();
    expect(v.approvalLog.at(-1)).toMatchObject({ kind: "break_glass", text: "primary is down and nobody else answers" });
    expect(v.steps["step-3"]?.status).toBe("queued");
    const { db } = await import("@/lib/db");
    const audited = await db.auditEntry.findMany({ where: { action: "action.breakGlass" }, select: { outcome: true, actor: true } });
    expect(audited.map((e) => e.outcome).sort()).toEqual(["denied", "ok"]);
  });
});

describe("the report", () => {
  it("names every approval decision and the break-glass", async () => {
    const { loadReport } = await import("@/lib/reports/load-report");
    const { reportToMarkdown } = await import("@/lib/reports/render-markdown");
    const report = await loadReport(runId);
    expect(report.approvals.map((a) => `${a.kind}:${a.by?.split(" ")[0]}`)).toEqual([
      "requested:alice",
      "granted:bob",
      "requested:bob",
      "rejected:alice",
      "break_glass:root",
    ]);
    const md = reportToMarkdown(report);
    expect(md).toContain("## Approvals (two-person rule)");
    expect(md).toMatch(/\*\*BREAK GLASS\*\* \(no second approval\) \| root/);
    expect(md).toMatch(/approved \| bob/);
  });
});
