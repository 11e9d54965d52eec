import fs from "node:fs/promises";
import path from "node:path";
import { ensureFirstAdmin } from "@/lib/auth/users";
import { env } from "@/lib/env";
import { countRunbooks, importRunbook } from "@/lib/services/runbooks";
import { registerConfiguredTargets } from "@/lib/services/targets";
import { watchRunbooksDir } from "./runbooks-dir";

const DEMO_DIR = path.resolve("demo-runbooks");

/** Imports every .md file of a folder; returns how many versions were new. */
export async function importFolder(dir: string, origin: string, log: (l: string) => void): Promise<number> {
  const files = (await fs.readdir(dir)).filter((f) => f.toLowerCase().endsWith(".md")).sort();
  let created = 0;
  for (const file of files) {
    try {
      const text = await fs.readFile(path.join(dir, file), "utf8");
      const r = await importRunbook({ text, fileName: file, origin, importedBy: "system" });
      if (r.created) {
        created++;
        log(`Imported ${file} as ${r.slug} v${r.number}`);
      }
    } catch (e) {
      log(`Could not import ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return created;
}

export async function afterBoot(log: (l: string) => void, baseUrl: string): Promise<{ firstAdminMessage: string | null }> {
  const e = env();
  await registerConfiguredTargets(Boolean(e.SANDBOX_DATABASE_URL));
  let firstAdminMessage: string | null = null;
  await ensureFirstAdmin({ email: e.DESK_ADMIN_EMAIL, password: e.DESK_ADMIN_PASSWORD, baseUrl, log: (l) => (firstAdminMessage = l) });
  if (!e.DESK_SKIP_DEMOS && (await countRunbooks()) === 0) {
    await importFolder(DEMO_DIR, "demo", log);
  }
  if (e.RUNBOOKS_DIR) {
    await importFolder(path.resolve(e.RUNBOOKS_DIR), `dir:${e.RUNBOOKS_DIR}`, log);
    watchRunbooksDir(path.resolve(e.RUNBOOKS_DIR), log);
  }
  return { firstAdminMessage };
}
