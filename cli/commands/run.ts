import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { withDeskServices } from "../desk-runtime";
import type { HeadlessOptions } from "../headless-run";

const USAGE = `Usage: desk run FILE.md|RUNBOOK_ID --target NAME [--scenario ID] [--database-url URL] [--var NAME=VALUE]… [--yes] [--keep-going] [--json]`;

export async function runCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        target: { type: "string" },
        scenario: { type: "string" },
        "database-url": { type: "string" },
        var: { type: "string", multiple: true },
        yes: { type: "boolean", default: false },
        "keep-going": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
      },
    });
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const ref = positionals[0];
  if (!ref || !values.target) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const variables: Record<string, string> = {};
  for (const v of values.var ?? []) {
    const i = v.indexOf("=");
    if (i <= 0) {
      process.stderr.write(`--var expects NAME=VALUE, got "${v}"\n`);
      return 2;
    }
    variables[v.slice(0, i)] = v.slice(i + 1);
  }
  const callerCwd = process.env.DESK_CALLER_CWD ?? process.cwd();
  const filePath = path.resolve(callerCwd, ref);
  const file = existsSync(filePath) ? { name: path.basename(filePath), text: await fs.readFile(filePath, "utf8") } : null;
  const options: HeadlessOptions = {
    file,
    runbookRef: ref,
    target: values.target,
    scenario: values.scenario ?? null,
    databaseUrl: values["database-url"] ?? null,
    variables,
    yes: values.yes ?? false,
    keepGoing: values["keep-going"] ?? false,
    actor: `cli:${os.userInfo().username}`,
    log: (line) => process.stderr.write(`${line}\n`),
  };
  // Imported only once the services are up: the database client reads DATABASE_URL on load.
  const summary = await withDeskServices(options.log, async () => {
    const result = await (await import("../headless-run")).executeHeadless(options);
    // Whoever holds the desk's database credentials may run headless; the trail still says so.
    const { tryAppendAudit } = await import("@/lib/audit/append");
    await tryAppendAudit({
      actorId: null,
      actor: options.actor,
      ip: null,
      action: "cli.run",
      outcome: result.status === "succeeded" ? "ok" : "error",
      targetName: options.target,
      runId: result.runId,
      detail: { runbook: ref, status: result.status },
    });
    return result;
  });
  process.stdout.write(values.json ? `${JSON.stringify(summary, null, 2)}\n` : `${summary.status}: run ${summary.runId}\n`);
  return summary.status === "succeeded" ? 0 : 1;
}
