// GitHub-style heading slugs, so ids match the anchors authors already link to (#quick-rollback--10-minutes).
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

export class SlugRegistry {
  private seen = new Map<string, number>();

  unique(text: string, fallback: string): string {
    const base = slugify(text) || fallback;
    const count = this.seen.get(base) ?? 0;
    this.seen.set(base, count + 1);
    if (count === 0) return base;
    let candidate = `${base}-${count}`;
    while (this.seen.has(candidate)) candidate = `${candidate}-1`;
    this.seen.set(candidate, 1);
    return candidate;
  }
}
