import type { Collected } from "./collect";
import { nodeLines } from "./node-lines";
import type { LineIndex } from "./text-lines";

// The importer keeps every line, including hostile HTML; rendering must keep it inert. These
// warnings tell the importing user what was found so nothing surprising hides in a runbook.
export function safetyWarnings(collected: Collected, index: LineIndex): string[] {
  const warnings: string[] = [];
  for (const node of collected.html) {
    const line = nodeLines(node, index)?.[0] ?? 0;
    if (/<\s*script\b/i.test(node.value)) warnings.push(`line ${line}: <script> in raw HTML is shown as text, never run`);
    if (/\son[a-z]+\s*=/i.test(node.value)) warnings.push(`line ${line}: raw HTML event handler attribute is removed when rendering`);
    if (/javascript\s*:/i.test(node.value)) warnings.push(`line ${line}: javascript: URL in raw HTML is removed when rendering`);
    if (/<\s*(iframe|object|embed|style|form)\b/i.test(node.value)) warnings.push(`line ${line}: embedded <${/<\s*(iframe|object|embed|style|form)/i.exec(node.value)?.[1]?.toLowerCase()}> is not rendered`);
  }
  for (const link of collected.links) {
    if (/^\s*(javascript|vbscript|data):/i.test(link.url)) {
      warnings.push(`line ${nodeLines(link, index)?.[0] ?? 0}: link to a ${link.url.split(":")[0]?.trim().toLowerCase()}: URL is rendered inert`);
    }
  }
  return warnings;
}
