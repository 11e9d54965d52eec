import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { withDeskServices } from "../desk-runtime";

// `desk report RUN_ID --format md|json [--out FILE]`: the same report the page shows, built from
// the run's event log, on stdout (or into a file).
const USAGE = "Usage: desk report RUN_ID [--format md|json] [--out FILE]";

export async function reportCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { format: { type: "string", default: "md" }, out: { type: "string" } } });
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  const runId = parsed.positionals[0];
  const format = parsed.values.format;
  if (!runId || (format !== "md" && format !== "json")) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  // Imported once the services are up: the database client reads DATABASE_URL on load.
  const text = await withDeskServices(log, async () => {
    const { loadReport } = await import("@/lib/reports/load-report");
    const { reportToMarkdown } = await import("@/lib/reports/render-markdown");
    const report = await loadReport(runId);
    return format === "json" ? `${JSON.stringify(report, null, 2)}\n` : reportToMarkdown(report);
  });
  if (parsed.values.out) {
    await fs.writeFile(path.resolve(process.env.DESK_CALLER_CWD ?? process.cwd(), parsed.values.out), text);
  } else {
    process.stdout.write(text);
  }
  return 0;
}
