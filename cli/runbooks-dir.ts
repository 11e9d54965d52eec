import { watch } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { importRunbook } from "@/lib/services/runbooks";

// RUNBOOKS_DIR is re-imported on change: a changed file becomes a new version (content-hashed,
// so saving without changes is a no-op). Debounced because editors write in several steps.
export function watchRunbooksDir(dir: string, log: (l: string) => void): void {
  const timers = new Map<string, NodeJS.Timeout>();
  watch(dir, (_event, file) => {
    if (!file || !file.toLowerCase().endsWith(".md")) return;
    clearTimeout(timers.get(file));
    timers.set(
      file,
      setTimeout(async () => {
        try {
          const text = await fs.readFile(path.join(dir, file), "utf8");
          const r = await importRunbook({ text, fileName: file, origin: `dir:${dir}`, importedBy: "system" });
          if (r.created) log(`Re-imported ${file}: ${r.slug} v${r.number}`);
        } catch (e) {
          log(`Could not re-import ${file}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }, 300),
    );
  });
}
