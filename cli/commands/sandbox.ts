import { readEnv } from "@/lib/env";
import { resetSandbox } from "@/lib/sandbox/seed";
import { SANDBOX_DB } from "@/lib/services/boot";
import { withDatabase } from "@/lib/services/pg-admin";
import { withDeskServices } from "../desk-runtime";

export async function sandboxCommand(args: string[]): Promise<number> {
  if (args[0] !== "reset") {
    process.stderr.write("Usage: desk sandbox reset\n");
    return 2;
  }
  const e = readEnv();
  if (e.DATABASE_URL && !e.SANDBOX_DATABASE_URL) {
    process.stderr.write("The sandbox is part of the embedded default; with DATABASE_URL set, set SANDBOX_DATABASE_URL too.\n");
    return 2;
  }
  return withDeskServices(
    (l) => process.stderr.write(`${l}\n`),
    async () => {
      const sandboxUrl = process.env.SANDBOX_DATABASE_URL;
      if (!sandboxUrl) throw new Error("No sandbox database is configured.");
      const dbName = new URL(sandboxUrl).pathname.slice(1) || SANDBOX_DB;
      const started = Date.now();
      await resetSandbox(withDatabase(sandboxUrl, "postgres"), dbName);
      process.stdout.write(`Sandbox "${dbName}" re-seeded in ${((Date.now() - started) / 1000).toFixed(1)}s.\n`);
      return 0;
    },
  );
}
