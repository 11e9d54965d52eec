// Who may do what. Pure data, shared by the server (enforcement: action middleware and route
// wrapper) and the browser (hiding buttons a user may not press — never the enforcement).

export const ROLES = ["admin", "commander", "operator", "viewer", "reviewer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "Manages targets and users, reads the audit trail, may break glass",
  commander: "Starts runs, runs any step, confirms, approves other commanders' steps",
  operator: "Runs non-destructive steps, ticks checks, fills blanks",
  viewer: "Watches runs and reads reports",
  reviewer: "Reads reports, comments on them and signs them off",
};

/**
 * Each permission lists the roles that hold it, and its scope: `target` permissions are checked
 * against grants on the run's (or named) target or on every target; `any` ones are held through a
 * grant of the role on any target (a commander on staging can read and import runbooks);
 * `global` ones only through an unscoped grant.
 */
export const PERMISSIONS = {
  // Any signed-in user, whatever their roles: their own sessions ("sign out everywhere").
  "account.self": { scope: "self", roles: [] },
  "runbook.read": { scope: "any", roles: ["admin", "commander", "operator", "viewer", "reviewer"] },
  "runbook.import": { scope: "any", roles: ["admin", "commander"] },
  "target.read": { scope: "any", roles: ["admin", "commander", "operator", "viewer", "reviewer"] },
  "target.manage": { scope: "global", roles: ["admin"] },
  "user.manage": { scope: "global", roles: ["admin"] },
  "audit.read": { scope: "global", roles: ["admin"] },
  "run.view": { scope: "target", roles: ["admin", "commander", "operator", "viewer", "reviewer"] },
  "run.start": { scope: "target", roles: ["commander"] },
  "run.finish": { scope: "target", roles: ["commander"] },
  "run.comment": { scope: "target", roles: ["commander", "operator", "reviewer"] },
  // Operators run steps too; destructive ones need step.run_destructive (checked in the handler).
  "step.run": { scope: "target", roles: ["commander", "operator"] },
  "step.run_destructive": { scope: "target", roles: ["commander"] },
  "step.cancel": { scope: "target", roles: ["commander", "operator"] },
  "step.skip": { scope: "target", roles: ["commander"] },
  "step.manual_done": { scope: "target", roles: ["commander", "operator"] },
  "step.acknowledge": { scope: "target", roles: ["commander"] },
  "step.request_approval": { scope: "target", roles: ["commander"] },
  "step.approve": { scope: "target", roles: ["commander"] },
  "step.break_glass": { scope: "target", roles: ["admin"] },
  "check.tick": { scope: "target", roles: ["commander", "operator"] },
  "blank.fill": { scope: "target", roles: ["commander", "operator"] },
  "report.read": { scope: "target", roles: ["admin", "commander", "operator", "viewer", "reviewer"] },
  "report.review": { scope: "target", roles: ["reviewer", "commander"] },
  "report.sign_off": { scope: "target", roles: ["reviewer"] },
} as const satisfies Record<string, { scope: "self" | "global" | "any" | "target"; roles: readonly Role[] }>;

export type Permission = keyof typeof PERMISSIONS;

export interface Grant {
  role: Role;
  // null: on every target.
  targetName: string | null;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether grants hold a permission; `targetName` is the target the act touches, if any. */
export function allows(grants: readonly Grant[], permission: Permission, targetName: string | null = null): boolean {
  const rule = PERMISSIONS[permission];
  if (rule.scope === "self") return true;
  const roles: readonly Role[] = rule.roles;
  return grants.some(
    (g) =>
      roles.includes(g.role) &&
      (g.targetName === null ||
        rule.scope === "any" ||
        (rule.scope === "target" && targetName !== null && g.targetName === targetName)),
  );
}

/** Targets on which grants hold a permission: "all", or the named ones. */
export function targetsAllowed(grants: readonly Grant[], permission: Permission): "all" | string[] {
  const roles: readonly Role[] = PERMISSIONS[permission].roles;
  const held = grants.filter((g) => roles.includes(g.role));
  if (held.some((g) => g.targetName === null)) return "all";
  return [...new Set(held.flatMap((g) => (g.targetName ? [g.targetName] : [])))];
}
