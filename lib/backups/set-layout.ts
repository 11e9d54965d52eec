import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { MANIFEST } from "./manifest";

// Where a set lives: <BACKUP_DIR>/<name>_<YYYYMMDD_HHMMSS>/ locally and
// <prefix>/<YYYY-MM-DD>/<name>_<YYYYMMDD_HHMMSS>/ in the bucket (seed 001's layout), UTC.

const pad = (n: number) => String(n).padStart(2, "0");

export function dayStamp(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function timeStamp(d: Date): string {
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}_${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/**
 * The directory sets are created in: BACKUP_DIR as the runner provides it; when BACKUP_DIR is a
 * set already (an earlier backup step produced it), its parent, so sets never nest.
 */
export function backupBase(variables: Record<string, string>, workspace: string): string {
  const configured = variables.BACKUP_DIR;
  const base = configured ? path.resolve(workspace, configured) : path.join(workspace, "backups");
  return existsSync(path.join(base, MANIFEST)) ? path.dirname(base) : base;
}

export function setNameFor(fileName: string, variables: Record<string, string>): string {
  const explicit = variables.BACKUP_NAME?.replace(/[^A-Za-z0-9_-]+/g, "_");
  const stem = fileName.replace(/\.[A-Za-z0-9]+$/, "").replace(/[^A-Za-z0-9_-]+/g, "_");
  return (explicit || stem || "backup").slice(0, 80);
}

/** Creates the set directory (a second backup in the same second gets a _2 suffix). */
export async function createSetDir(base: string, name: string, stamp: string): Promise<{ dir: string; set: string }> {
  await fs.mkdir(base, { recursive: true });
  for (let i = 1; ; i++) {
    const set = i === 1 ? `${name}_${stamp}` : `${name}_${stamp}_${i}`;
    const dir = path.join(base, set);
    try {
      await fs.mkdir(dir);
      return { dir, set };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || i > 50) throw e;
    }
  }
}
