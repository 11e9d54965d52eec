import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Statistics } from "./statistics";

// MANIFEST.json: what a backup set holds and how to check it. A set without one is not a backup
// (it is written last, after the dump was renamed from its temporary name).

export const MANIFEST = "MANIFEST.json";
export const STATISTICS = "statistics.json";
export const VALIDATION_LOG = "validation.log";
export const ENUM_TYPES = "enum_types.sql";
export const RESTORE_VERIFICATION = "restore_verification.json";

const fileSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
  role: z.enum(["dump", "statistics", "enum-types", "validation-log"]),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const manifestSchema = z.object({
  kind: z.literal("runbook-desk-backup"),
  version: z.literal(1),
  name: z.string(),
  set: z.string(),
  createdAt: z.string(),
  finishedAt: z.string(),
  runId: z.string().nullable(),
  stepId: z.string().nullable(),
  target: z.object({ database: z.string(), host: z.string(), serverVersion: z.string(), serverMajor: z.number() }),
  tools: z.object({ pgDump: z.object({ path: z.string(), version: z.string() }), node: z.string() }),
  command: z.string(),
  dump: z.object({
    file: z.string(),
    format: z.enum(["custom", "plain", "tar"]),
    args: z.array(z.string()),
    snapshot: z.string().nullable(),
    schemaOnly: z.boolean(),
    dataOnly: z.boolean(),
    tables: z.array(z.string()),
  }),
  files: z.array(fileSchema),
  uploaded: z.boolean(),
  s3: z
    .object({
      bucket: z.string(),
      prefix: z.string(),
      uri: z.string(),
      verified: z.boolean(),
      error: z.string().nullable(),
    })
    .nullable(),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof fileSchema>;

export class SetError extends Error {}

export function parseManifest(text: string, where: string): BackupManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SetError(`${where}: ${MANIFEST} is not valid JSON (truncated or corrupted)`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new SetError(`${where}: ${MANIFEST} is not a Runbook Desk backup manifest (${parsed.error.issues[0]?.message ?? "invalid"})`);
  return parsed.data;
}

export async function readManifest(dir: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, MANIFEST), "utf8");
  } catch {
    throw new SetError(`${dir} is not a complete backup set: it has no ${MANIFEST} (an interrupted backup never writes one)`);
  }
  return parseManifest(text, dir);
}

/** Writes JSON through a temporary name, so a reader never sees half a file. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<number> {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  await fs.writeFile(`${file}.partial`, text);
  await fs.rename(`${file}.partial`, file);
  return Buffer.byteLength(text);
}

export async function sha256File(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    const b = chunk as Buffer;
    size += b.length;
    hash.update(b);
  }
  return { sha256: hash.digest("hex"), size };
}

export function sha256Text(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Size and sha256 of every file against the manifest; a list of problems (empty: intact). */
export async function verifyFiles(dir: string, manifest: BackupManifest): Promise<{ problems: string[]; checked: ManifestFile[] }> {
  const problems: string[] = [];
  await Promise.all(
    manifest.files.map(async (f) => {
      const file = path.join(dir, f.name);
      let stat;
      try {
        stat = await fs.stat(file);
      } catch {
        problems.push(`${f.name} is missing`);
        return;
      }
      if (stat.size !== f.size) {
        problems.push(`${f.name} is ${stat.size < f.size ? "truncated" : "longer than recorded"}: ${stat.size} bytes, MANIFEST says ${f.size}`);
        return;
      }
      const { sha256 } = await sha256File(file);
      if (sha256 !== f.sha256) problems.push(`${f.name} is corrupted: sha256 ${sha256}, MANIFEST says ${f.sha256}`);
    }),
  );
  return { problems, checked: manifest.files };
}

export async function readStatistics(dir: string, manifest: BackupManifest): Promise<Statistics> {
  const entry = manifest.files.find((f) => f.role === "statistics");
  if (!entry) throw new SetError(`${dir}: the MANIFEST lists no ${STATISTICS}`);
  return JSON.parse(await fs.readFile(path.join(dir, entry.name), "utf8")) as Statistics;
}
