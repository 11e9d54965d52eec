import Markdown from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import { highlightLanguage } from "./code-language";
import "./markdown.css";

// Highlighted code for a step card or a log view. The code goes through the same Markdown pipeline
// as prose (a fence around it) so highlighting has one implementation and no raw HTML path.
export function CodeBlock({ code, lang, className }: { code: string; lang?: string | null; className?: string }) {
  const longestTicks = Math.max(0, ...Array.from(code.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longestTicks + 1));
  const language = highlightLanguage(lang) ?? "plaintext";
  return (
    <div className={`md-prose ${className ?? ""}`}>
      <Markdown rehypePlugins={[[rehypeHighlight, { detect: false }]]}>{`${fence}${language}\n${code}\n${fence}`}</Markdown>
    </div>
  );
}
