// Time budgets are written in prose ("(< 10 minutes)", "**RTO**: < 5 minutes", "~30-60 seconds");
// no Markdown library reads them, so this small grammar does. A range counts as its upper bound:
// a budget is the time the author allows, not the time they hope for.

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

function unitSeconds(unit: string): number | null {
  const u = unit.toLowerCase();
  if (/^(s|secs?|seconds?)$/.test(u)) return UNIT_SECONDS.s ?? 1;
  if (/^(m|mins?|minutes?)$/.test(u)) return UNIT_SECONDS.m ?? 60;
  if (/^(h|hrs?|hours?)$/.test(u)) return UNIT_SECONDS.h ?? 3600;
  if (/^(d|days?)$/.test(u)) return UNIT_SECONDS.d ?? 86400;
  if (/^(w|wks?|weeks?)$/.test(u)) return UNIT_SECONDS.w ?? 604800;
  return null;
}

const QUALIFIER = String.raw`(?:(?:<=?|≤|~|≈|about|approx\.?|approximately|within|up to|under|max(?:imum)?|at most|less than)\s*)?`;
const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const RANGE = String.raw`(?:\s*(?:-|–|—|to)\s*(\d+(?:[.,]\d+)?))?`;
const UNIT = String.raw`\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w)\b`;
const DURATION = new RegExp(`^${QUALIFIER}${NUMBER}${RANGE}${UNIT}`, "i");

function toNumber(s: string): number {
  return Number(s.replace(",", "."));
}

// Seconds for text that *starts* with a duration ("< 5 minutes (tested)"), else null.
export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text.trim());
  if (!m) return null;
  const unit = unitSeconds(m[3] ?? "");
  if (unit === null) return null;
  const value = toNumber(m[2] ?? m[1] ?? "");
  if (!Number.isFinite(value)) return null;
  return Math.round(value * unit);
}

// "Step 1: Stop Sync Worker (1 minute)", "Quick Rollback (< 10 minutes)", "Cleanup (RTO: 5 min)".
export function budgetFromTitle(title: string): number | null {
  const groups = [...title.matchAll(/\(([^()]*)\)/g)];
  for (let i = groups.length - 1; i >= 0; i--) {
    const inner = (groups[i]?.[1] ?? "").trim().replace(/^(?:rto|budget|time|eta|target)\s*:?\s*/i, "");
    const seconds = parseDuration(inner);
    if (seconds !== null && DURATION.exec(inner)?.[0].length === inner.length) return seconds;
  }
  return null;
}

const BODY_LABEL =
  /^(?:[-*+]\s+)?(rto|recovery time objective(?:\s*\(rto\))?|time budget|budget|estimated time|estimated duration|time limit|timebox|total time|duration)\s*:\s*(.+)$/i;

// "**RTO**: < 5 minutes", "**Recovery Time Objective (RTO):** 30 minutes", "Estimated Time: < 2 minutes".
export function budgetFromBodyLine(line: string): number | null {
  // Every prose line of a section without a budget in its title comes here; no colon, no label.
  if (!line.includes(":")) return null;
  const plain = line.replace(/[*_`]/g, "").trim();
  const m = BODY_LABEL.exec(plain);
  if (!m) return null;
  return parseDuration(m[2] ?? "");
}
