"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useCallback, useDeferredValue, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import type { OutputChunk } from "@/lib/executors/types";
import type { TextStream } from "./log-index";
import { Highlighted } from "./log-highlight";
import type { LogSearch, MatchRange } from "./log-search";
import { LogTable } from "./log-table";
import { LogToolbar } from "./log-toolbar";
import { useLineIndex } from "./use-line-index";
import { useLogSearch } from "./use-log-search";

// A step's output as a virtualized terminal: only the rows in view (plus a margin) are in the
// DOM, so 100k lines cost what 60 do. Rows have one fixed height (long lines scroll sideways),
// which keeps scrolling exact without measuring; result tables are measured, and so are lines
// while the reader has "Wrap lines" on.

const ROW_PX = 20;
const VIEW_PX = 384;
const PAD_PX = 8;
const TABLE_ESTIMATE_PX = 160;
const OVERSCAN = 20;
// Lines longer than this offer the wrap toggle even when the log fits without scrolling.
const LONG_LINE_CHARS = 120;
// The reader counts as "at the end" this close to it: follow stays (or turns back) on.
const END_SLACK_PX = ROW_PX * 2;
// A scroll event this soon after a wheel, touch or key press is the reader's, not ours.
const GESTURE_MS = 600;

const STREAM_STYLE: Record<TextStream, string> = {
  stdout: "text-slate-100",
  stderr: "bg-red-950/50 text-red-300",
  info: "text-slate-400",
};

interface Nav {
  search: LogSearch | null;
  n: number;
  said: string;
}

function matchWords(search: LogSearch, n: number): string {
  const total = `${search.count}${search.capped ? " or more" : ""}`;
  if (search.count === 0) return "No matches";
  return n >= 0 ? `Match ${n + 1} of ${total}` : `${total} matches`;
}

function Line({ text, stream, matches, current }: { text: string; stream: TextStream; matches: MatchRange[]; current: number }) {
  return (
    <span className={STREAM_STYLE[stream]}>
      {stream === "stderr" ? <span className="sr-only">stderr: </span> : null}
      <Highlighted text={text} matches={matches} current={current} />
    </span>
  );
}

export const LogView = memo(function LogView({ chunks, live, downloadHref }: { chunks: readonly OutputChunk[]; live: boolean; downloadHref: string | null }) {
  const { index, length, generation } = useLineIndex(chunks);
  const [query, setQuery] = useState("");
  // Typing stays instant; the search over a big log runs in the deferred render after it.
  const deferredQuery = useDeferredValue(query);
  const { search, count } = useLogSearch(index, deferredQuery);
  const [follow, setFollow] = useState(live);
  const [wrap, setWrap] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const gestureAt = useRef(0);
  const pointerDown = useRef(false);

  const estimateSize = useCallback((i: number) => (index.isTable(i) ? TABLE_ESTIMATE_PX : ROW_PX), [index]);
  const virtualizer = useVirtualizer({
    count: length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: OVERSCAN,
    paddingStart: PAD_PX,
    paddingEnd: PAD_PX,
    // The server (and the first client render) shows the top rows before anything is measured.
    initialRect: { width: 0, height: VIEW_PX },
  });

  // A new attempt's output, or wrapping turned on or off: sizes measured before no longer apply.
  const measured = useRef({ generation, wrap });
  useEffect(() => {
    if (measured.current.generation === generation && measured.current.wrap === wrap) return;
    measured.current = { generation, wrap };
    virtualizer.measure();
  }, [generation, wrap, virtualizer]);

  const [nav, setNav] = useState<Nav>({ search: null, n: -1, said: "" });
  if (nav.search !== search) {
    // A new query: start from the first match at or below what the reader is looking at.
    const n = search && search.count > 0 ? search.firstFrom(virtualizer.range?.startIndex ?? 0) : -1;
    setNav({ search, n, said: search ? matchWords(search, n) : "" });
  }
  const step = (dir: 1 | -1) => {
    if (!search || search.count === 0) return;
    const n = nav.n >= 0 ? (nav.n + dir + search.count) % search.count : search.firstFrom(virtualizer.range?.startIndex ?? 0);
    setNav({ search, n, said: matchWords(search, n) });
  };

  // Bring the current match into view (centred, unless it is in view already); the reader is
  // looking at it now, so the view stops following the end.
  useEffect(() => {
    if (!nav.search || nav.n < 0) return;
    const row = nav.search.rowOf(nav.n);
    setFollow(false);
    const r = virtualizer.range;
    if (r && row > r.startIndex && row < r.endIndex) return;
    virtualizer.scrollToIndex(row, { align: "center" });
  }, [nav, virtualizer]);

  const total = virtualizer.getTotalSize();
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (follow && el) el.scrollTop = el.scrollHeight;
  }, [follow, total]);

  useEffect(() => {
    const up = () => {
      pointerDown.current = false;
    };
    window.addEventListener("pointerup", up);
    return () => window.removeEventListener("pointerup", up);
  }, []);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    // Only the reader's own scrolling turns following off (scrolled up) or back on (back at the end).
    if (!pointerDown.current && performance.now() - gestureAt.current > GESTURE_MS) return;
    setFollow(el.scrollHeight - el.scrollTop - el.clientHeight <= END_SLACK_PX);
  };
  const gesture = () => {
    gestureAt.current = performance.now();
  };
  const onWheel = (e: { deltaY: number }) => {
    gesture();
    // Said at once: new output could otherwise pull the view back down before the scroll event.
    if (e.deltaY < 0) setFollow(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    gesture();
    if (e.key === "ArrowUp" || e.key === "PageUp" || e.key === "Home") setFollow(false);
  };
  const onFollow = (on: boolean) => {
    setFollow(on);
    if (on) scrollRef.current?.scrollTo({ top: scrollRef.current.scrollHeight });
  };

  const items = virtualizer.getVirtualItems();
  const gutter = `calc(${String(length).length}ch + 0.75rem)`;
  const scrollable = total > VIEW_PX;
  return (
    <div className="flex flex-col gap-1">
      {scrollable || query || wrap || index.longestLine > LONG_LINE_CHARS ? (
        <LogToolbar
          lines={length}
          follow={follow}
          onFollow={onFollow}
          wrap={wrap}
          onWrap={setWrap}
          query={query}
          onQuery={setQuery}
          count={count}
          capped={search?.capped ?? false}
          current={nav.search === search ? nav.n : -1}
          onStep={step}
          announcement={nav.said}
          downloadHref={downloadHref}
        />
      ) : null}
      <div
        ref={scrollRef}
        data-testid="step-output-text"
        data-follow={follow ? "true" : "false"}
        data-wrap={wrap ? "true" : "false"}
        role="region"
        aria-label={`Output, ${length} ${length === 1 ? "line" : "lines"}`}
        tabIndex={0}
        onScroll={onScroll}
        onWheel={onWheel}
        onTouchMove={gesture}
        onKeyDown={onKeyDown}
        onPointerDown={() => {
          pointerDown.current = true;
        }}
        className="overflow-auto overscroll-contain rounded bg-slate-900 font-mono text-xs leading-5 focus:outline-2 focus:outline-blue-500"
        style={{ maxHeight: VIEW_PX }}
      >
        <div className="relative min-w-full" style={{ height: total }}>
          {items.map((item) => {
            const row = index.row(item.index);
            if (!row) return null;
            if (row.kind === "table") {
              return (
                <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="absolute top-0 left-0 w-full px-3 py-1" style={{ transform: `translateY(${item.start}px)` }}>
                  <LogTable chunk={row.chunk} matches={search ? search.inRow(item.index) : []} current={nav.search === search ? nav.n : -1} />
                </div>
              );
            }
            return (
              <div
                key={item.key}
                data-testid="log-line"
                data-row={item.index}
                data-index={item.index}
                ref={wrap ? virtualizer.measureElement : undefined}
                className={`absolute top-0 left-0 flex pr-3 ${wrap ? "w-full break-all whitespace-pre-wrap" : "h-5 min-w-full whitespace-pre"}`}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <span aria-hidden="true" className="sticky left-0 shrink-0 bg-slate-900 pr-2 pl-1 text-right text-slate-500 select-none" style={{ width: gutter }}>
                  {item.index + 1}
                </span>
                <Line text={row.text} stream={row.stream} matches={search ? search.inRow(item.index) : []} current={nav.search === search ? nav.n : -1} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
});
