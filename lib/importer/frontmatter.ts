import type { Root } from "mdast";
import { parse } from "yaml";

export function readFrontmatter(root: Root, warnings: string[]): Record<string, unknown> | null {
  const node = root.children[0];
  if (!node || node.type !== "yaml") return null;
  try {
    const value: unknown = parse(node.value);
    if (value === null || value === undefined) return {};
    if (typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    warnings.push("front matter is not a key/value mapping; ignored");
  } catch (e) {
    warnings.push(`front matter is not valid YAML (${e instanceof Error ? e.message.split("\n")[0] : "parse error"}); shown as text`);
  }
  return null;
}
