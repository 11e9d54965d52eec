"use client";

import type { KeyboardEvent } from "react";

// Above a long log: follow the end, wrap long lines, search (count, previous/next), download everything.

const button = "rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-40";

export interface LogToolbarProps {
  lines: number;
  follow: boolean;
  onFollow: (on: boolean) => void;
  wrap: boolean;
  onWrap: (on: boolean) => void;
  query: string;
  onQuery: (q: string) => void;
  count: number;
  capped: boolean;
  // 0-based number of the current match, -1 when none is chosen yet.
  current: number;
  onStep: (dir: 1 | -1) => void;
  // Said to screen readers only when the reader searches or moves between matches.
  announcement: string;
  downloadHref: string | null;
}

export function LogToolbar(p: LogToolbarProps) {
  const total = `${p.count.toLocaleString("en-US")}${p.capped ? "+" : ""}`;
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      p.onStep(e.shiftKey ? -1 : 1);
    } else if (e.key === "Escape" && p.query) {
      e.preventDefault();
      p.onQuery("");
    }
  };
  return (
    <div data-testid="log-toolbar" className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
      <span data-testid="log-line-count" className="tabular-nums">
        {p.lines.toLocaleString("en-US")} {p.lines === 1 ? "line" : "lines"}
      </span>
      <button type="button" aria-pressed={p.follow} onClick={() => p.onFollow(!p.follow)} className={`${button} ${p.follow ? "border-blue-600 bg-blue-50 text-blue-800" : ""}`}>
        <span aria-hidden="true">{p.follow ? "⤓ " : "⏸ "}</span>
        Follow output
      </button>
      <button type="button" aria-pressed={p.wrap} onClick={() => p.onWrap(!p.wrap)} className={`${button} ${p.wrap ? "border-blue-600 bg-blue-50 text-blue-800" : ""}`}>
        Wrap lines
      </button>
      <span role="search" className="flex items-center gap-1">
        <input
          type="search"
          value={p.query}
          onChange={(e) => p.onQuery(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder="Search output"
          aria-label="Search output"
          className="w-44 rounded border border-slate-300 bg-white px-2 py-0.5 text-xs"
        />
        {p.query ? (
          <>
            <span data-testid="log-match-count" className="min-w-16 tabular-nums">
              {p.count === 0 ? "no matches" : p.current >= 0 ? `${(p.current + 1).toLocaleString("en-US")} of ${total}` : `${total} matches`}
            </span>
            <button type="button" aria-label="Previous match" onClick={() => p.onStep(-1)} disabled={p.count === 0} className={button}>
              ↑
            </button>
            <button type="button" aria-label="Next match" onClick={() => p.onStep(1)} disabled={p.count === 0} className={button}>
              ↓
            </button>
          </>
        ) : null}
        <span className="sr-only" aria-live="polite">
          {p.announcement}
        </span>
      </span>
      {p.downloadHref ? (
        <a href={p.downloadHref} download data-testid="download-output" className={`${button} ml-auto`}>
          Download full output
        </a>
      ) : null}
    </div>
  );
}
