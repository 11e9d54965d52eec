import { highlightParts, type MatchRange } from "./log-search";

// Text with its search matches marked; the current match (n === current) stands out.
export function Highlighted({ text, matches, current }: { text: string; matches: readonly MatchRange[]; current: number }) {
  if (matches.length === 0) return text;
  return highlightParts(text, matches).map((part, i) =>
    part.match ? (
      <mark key={i} data-current={part.match.n === current ? "true" : undefined} className={part.match.n === current ? "rounded-sm bg-orange-400 text-slate-950 outline outline-2 outline-orange-200" : "rounded-sm bg-yellow-300 text-slate-950"}>
        {part.text}
      </mark>
    ) : (
      part.text
    ),
  );
}
