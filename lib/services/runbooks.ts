import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { SafeError } from "@/lib/errors";
import { parseRunbookAsync } from "@/lib/importer/parse-off-thread";
import type { ParsedRunbook } from "@/lib/importer/types";

export const MAX_RUNBOOK_BYTES = 5 * 1024 * 1024;

export interface ImportInput {
  text: string;
  fileName?: string;
  slug?: string;
  origin: string;
  importedBy: string;
}

export interface ImportResult {
  runbookId: string;
  slug: string;
  title: string;
  versionId: string;
  number: number;
  created: boolean; // false when this exact text was already the runbook's version
}

export function slugify(s: string): string {
  const slug = s
    .normalize("NFKD")
    .replace(/\.md$/i, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return slug || "runbook";
}

export function contentHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function validate(text: string): void {
  if (Buffer.byteLength(text, "utf8") > MAX_RUNBOOK_BYTES) throw new SafeError("The document is larger than 5 MB.");
  if (text.includes("\u0000")) throw new SafeError("The document looks binary (it contains NUL bytes), not Markdown.");
}

/**
 * Imports a document as an immutable, content-hashed version. Same text again → the existing
 * version; changed text → version n+1. Concurrent imports of one runbook are serialised by the
 * unique (runbookId, number) constraint and retried.
 */
export async function importRunbook(input: ImportInput): Promise<ImportResult> {
  validate(input.text);
  const hash = contentHash(input.text);
  const parsed = await parseRunbookAsync(input.text, hash);
  const slug = input.slug ?? slugify(input.fileName ?? parsed.title);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const runbook = await tx.runbook.upsert({
          where: { slug },
          create: { slug, title: parsed.title, origin: input.origin },
          update: {},
          select: { id: true },
        });
        const existing = await tx.runbookVersion.findUnique({
          where: { runbookId_contentHash: { runbookId: runbook.id, contentHash: hash } },
          select: { id: true, number: true },
        });
        if (existing) {
          return { runbookId: runbook.id, slug, title: parsed.title, versionId: existing.id, number: existing.number, created: false };
        }
        const last = await tx.runbookVersion.aggregate({ where: { runbookId: runbook.id }, _max: { number: true } });
        const number = (last._max.number ?? 0) + 1;
        const version = await tx.runbookVersion.create({
          data: {
            runbookId: runbook.id,
            number,
            contentHash: hash,
            source: input.text,
            parsed: parsed as unknown as Prisma.InputJsonValue,
            importedBy: input.importedBy,
          },
          select: { id: true },
        });
        await tx.runbook.update({ where: { id: runbook.id }, data: { title: parsed.title } });
        return { runbookId: runbook.id, slug, title: parsed.title, versionId: version.id, number, created: true };
      });
    } catch (e) {
      const conflict = e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
      if (!conflict || attempt === 4) throw e;
    }
  }
  throw new Error("unreachable");
}

export interface RunbookListItem {
  id: string;
  slug: string;
  title: string;
  origin: string;
  updatedAt: Date;
  latest: { number: number; steps: number; checks: number; destructive: number; scenarios: number } | null;
}

// The counts are read inside Postgres: loading every latest version's parsed document to count
// its steps cost about 150 ms per 1.5 MB runbook on every render of the list.
export async function listRunbooks(): Promise<RunbookListItem[]> {
  const rows = await db.$queryRaw<
    { id: string; slug: string; title: string; origin: string; updatedAt: Date; number: number | null; steps: number; checks: number; destructive: number; scenarios: number }[]
  >`
    SELECT r.id, r.slug, r.title, r.origin, r."updatedAt", v.number,
      COALESCE(jsonb_array_length(v.parsed->'steps'), 0)::int AS steps,
      COALESCE(jsonb_array_length(v.parsed->'checks'), 0)::int AS checks,
      (SELECT count(*) FROM jsonb_array_elements(COALESCE(v.parsed->'steps', '[]'::jsonb)) s WHERE s->>'destructive' = 'true')::int AS destructive,
      COALESCE(jsonb_array_length(v.parsed->'scenarios'), 0)::int AS scenarios
    FROM "Runbook" r
    LEFT JOIN LATERAL (
      SELECT number, parsed FROM "RunbookVersion" WHERE "runbookId" = r.id ORDER BY number DESC LIMIT 1
    ) v ON true
    ORDER BY r.title ASC`;
  return rows.map(({ number, steps, checks, destructive, scenarios, ...r }) => ({
    ...r,
    latest: number === null ? null : { number, steps, checks, destructive, scenarios },
  }));
}

export async function countRunbooks(): Promise<number> {
  return db.runbook.count();
}

export async function getRunbookVersion(slug: string, number?: number) {
  const runbook = await db.runbook.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      versions: { orderBy: { number: "desc" }, select: { id: true, number: true, createdAt: true, importedBy: true, contentHash: true } },
    },
  });
  if (!runbook) return null;
  const chosen = number ?? runbook.versions[0]?.number;
  if (chosen === undefined) return null;
  const version = await db.runbookVersion.findUnique({
    where: { runbookId_number: { runbookId: runbook.id, number: chosen } },
    select: { id: true, number: true, source: true, parsed: true, createdAt: true },
  });
  if (!version) return null;
  return {
    runbook,
    version: { ...version, parsed: version.parsed as unknown as ParsedRunbook },
  };
}

/** Rejects what the importer cannot take (empty, over 5 MB, binary) with a message for the user. */
export function assertImportable(text: string): void {
  if (text.trim().length === 0) throw new SafeError("The document is empty: there is nothing to import.");
  validate(text);
}

export interface ImportPreview {
  parsed: ParsedRunbook;
  slug: string;
  // The runbook this text would join, and the version it already is (same content hash), if any.
  existing: { title: string; latestNumber: number | null; sameAsVersion: number | null } | null;
}

/** Parses without saving and says where the text would land: a new runbook, a new version, or none. */
export async function previewImport(input: { text: string; fileName?: string; slug?: string }): Promise<ImportPreview> {
  assertImportable(input.text);
  const hash = contentHash(input.text);
  const parsed = await parseRunbookAsync(input.text, hash);
  const slug = input.slug ?? slugify(input.fileName ?? parsed.title);
  const runbook = await db.runbook.findUnique({
    where: { slug },
    select: {
      title: true,
      versions: { orderBy: { number: "desc" }, select: { number: true, contentHash: true } },
    },
  });
  if (!runbook) return { parsed, slug, existing: null };
  return {
    parsed,
    slug,
    existing: {
      title: runbook.title,
      latestNumber: runbook.versions[0]?.number ?? null,
      sameAsVersion: runbook.versions.find((v) => v.contentHash === hash)?.number ?? null,
    },
  };
}

/** The imported sources of some versions of one runbook, for a diff; missing numbers are left out. */
export async function getVersionSources(runbookId: string, numbers: number[]): Promise<Map<number, string>> {
  const rows = await db.runbookVersion.findMany({
    where: { runbookId, number: { in: numbers } },
    select: { number: true, source: true },
  });
  return new Map(rows.map((r) => [r.number, r.source]));
}
