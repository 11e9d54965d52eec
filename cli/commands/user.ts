import { parseArgs } from "node:util";
import { withDeskServices } from "../desk-runtime";

// `desk user add EMAIL --name NAME --role ROLE[@TARGET]...`: a local account for scripts and
// first installs. The password is read from DESK_NEW_USER_PASSWORD, never from the command line
// (it would sit in shell history and `ps`).
const USAGE = "Usage: DESK_NEW_USER_PASSWORD=… desk user add EMAIL [--name NAME] --role ROLE[@TARGET] [--role …]";

export async function userCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { name: { type: "string" }, role: { type: "string", multiple: true } } });
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  const [sub, email] = parsed.positionals;
  const password = process.env.DESK_NEW_USER_PASSWORD ?? "";
  const roles = parsed.values.role ?? [];
  if (sub !== "add" || !email || roles.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const { isRole } = await import("@/lib/auth/permissions");
  const grants = roles.map((r) => {
    const [role = "", target] = r.split("@");
    return { role, targetName: target || null };
  });
  const bad = grants.filter((g) => !isRole(g.role));
  if (bad.length) {
    process.stderr.write(`Unknown role ${bad.map((g) => `"${g.role}"`).join(", ")}: use admin, commander, operator, viewer or reviewer.\n`);
    return 2;
  }
  if (password.length < 12) {
    process.stderr.write("Set DESK_NEW_USER_PASSWORD to a password of at least 12 characters.\n");
    return 2;
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  return withDeskServices(log, async () => {
    const { createLocalUser, grantRole } = await import("@/lib/auth/users");
    const { tryAppendAudit } = await import("@/lib/audit/append");
    const { SafeError } = await import("@/lib/errors");
    try {
      const { id } = await createLocalUser({ email, name: parsed.values.name ?? email, password });
      for (const g of grants) if (isRole(g.role)) await grantRole(id, g.role, g.targetName, "cli");
      await tryAppendAudit({ actorId: null, actor: "cli", ip: null, action: "cli.user_add", outcome: "ok", detail: { email, roles: roles.join(",") } });
      process.stdout.write(`Created ${email} (${roles.join(", ")}).\n`);
      return 0;
    } catch (e) {
      if (e instanceof SafeError) {
        process.stderr.write(`${e.message}\n`);
        return 1;
      }
      throw e;
    }
  });
}
