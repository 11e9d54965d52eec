import { parseArgs } from "node:util";
import { withDeskServices } from "../desk-runtime";

// `desk audit verify [--json]`: re-hashes the audit trail; exit 1 when the chain is broken.
const USAGE = "Usage: desk audit verify [--json]";

export async function auditCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean", default: false } } });
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.positionals[0] !== "verify") {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const report = await withDeskServices(log, async () => {
    const { verifyAuditChain } = await import("@/lib/audit/verify");
    return verifyAuditChain();
  });
  if (parsed.values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else if (report.ok) process.stdout.write(`Audit trail intact: ${report.entries} entries, last hash ${report.lastHash}\n`);
  else process.stdout.write(`Audit trail BROKEN at entry ${report.broken?.seq}: ${report.broken?.reason} (${report.entries} entries verified before it)\n`);
  return report.ok ? 0 : 1;
}
