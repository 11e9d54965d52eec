import { z } from "zod";

// The page's state lives in the URL (shareable during an incident): ?v=2&scenario=scenario-b&diff=1..2
const schema = z.object({
  v: z.coerce.number().int().positive().optional().catch(undefined),
  scenario: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .optional()
    .catch(undefined),
  diff: z
    .string()
    .regex(/^\d{1,6}\.\.\d{1,6}$/)
    .optional()
    .catch(undefined),
});

export type RunbookSearch = z.infer<typeof schema>;

export function parseRunbookSearch(raw: Record<string, string | string[] | undefined>): RunbookSearch {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return schema.parse({ v: first(raw.v), scenario: first(raw.scenario), diff: first(raw.diff) });
}

export function parseDiffRange(diff: string | undefined): [number, number] | null {
  const m = diff ? /^(\d+)\.\.(\d+)$/.exec(diff) : null;
  if (!m) return null;
  return [Number(m[1]), Number(m[2])];
}

export function runbookHref(slug: string, search: RunbookSearch): string {
  const q = new URLSearchParams();
  if (search.v !== undefined) q.set("v", String(search.v));
  if (search.scenario) q.set("scenario", search.scenario);
  if (search.diff) q.set("diff", search.diff);
  const s = q.toString();
  return `/runbooks/${encodeURIComponent(slug)}${s ? `?${s}` : ""}`;
}
