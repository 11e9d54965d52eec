import type { Blank } from "@/lib/importer/types";

// Blanks a step's outputs can fill: seed runbooks ask for "Backup location: ____", "Backup size:
// ____" after a backup. Only still-empty blanks are filled, and the event names the step.
const RULES: { label: RegExp; from: string[] }[] = [
  { label: /backup\s+(location|path|dir|uri)/i, from: ["BACKUP_S3_URI", "BACKUP_DIR"] },
  { label: /backup\s+size/i, from: ["BACKUP_SIZE"] },
  { label: /(backup\s+)?(sha-?256|checksum)/i, from: ["BACKUP_SHA256"] },
];

export function blanksFromOutputs(
  blanks: readonly Blank[],
  produced: Record<string, string>,
  alreadyFilled: ReadonlySet<string>,
): { blankId: string; value: string }[] {
  const out: { blankId: string; value: string }[] = [];
  for (const blank of blanks) {
    if (alreadyFilled.has(blank.id)) continue;
    const rule = RULES.find((r) => r.label.test(blank.label));
    const value = rule?.from.map((name) => produced[name]).find((v) => v);
    if (value) out.push({ blankId: blank.id, value });
  }
  return out;
}
