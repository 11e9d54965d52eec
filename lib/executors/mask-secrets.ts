import type { OutputChunk } from "./types";

export const MASK = "••••••";

// user:password@ inside any URL (postgres://, redis://, https://…). The password may not contain
// "@", "/" or whitespace unencoded, so the match stops at the first of them.
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:@/?#]*:)([^\s@/]+)@/gi;

function variants(secret: string): string[] {
  const out = new Set<string>([secret]);
  const encoded = encodeURIComponent(secret);
  out.add(encoded);
  // Lowercase percent-escapes appear too (some clients normalise them).
  out.add(encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()));
  try {
    out.add(decodeURIComponent(secret));
  } catch {
    // not URL-encoded: nothing to add
  }
  return [...out];
}

/** Replaces every secret value (and its URL-encoded form) and any URL password with MASK. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  const values = secrets
    .filter((s) => s.length > 0)
    .flatMap(variants)
    .filter((s) => s.length > 0)
    // Longest first, so a secret containing another is masked whole.
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const value of values) {
    if (out.includes(value)) out = out.split(value).join(MASK);
  }
  return out.replace(URL_PASSWORD, (_m, prefix: string) => `${prefix}${MASK}@`);
}

export function maskChunk(chunk: OutputChunk, secrets: readonly string[]): OutputChunk {
  if (chunk.stream !== "table") return { stream: chunk.stream, text: maskSecrets(chunk.text, secrets) };
  return {
    ...chunk,
    command: maskSecrets(chunk.command, secrets),
    columns: chunk.columns.map((c) => maskSecrets(c, secrets)),
    rows: chunk.rows.map((r) => r.map((v) => maskSecrets(v, secrets))),
  };
}

/** The password of a connection URL, so executors mask it even when the caller forgot to list it. */
export function urlPassword(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.password ? decodeURIComponent(parsed.password) : null;
  } catch {
    return null;
  }
}

/** ctx.secrets plus the target's password. */
export function secretsFor(secrets: readonly string[], targetUrl: string | null): string[] {
  const password = urlPassword(targetUrl);
  return password ? [...secrets, password] : [...secrets];
}
