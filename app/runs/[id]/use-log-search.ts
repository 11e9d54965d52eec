"use client";

import { useState } from "react";
import type { LineIndex } from "./log-index";
import { LogSearch } from "./log-search";

/**
 * Matches of `query` in the indexed output. The same LogSearch object grows with the output (new
 * chunks only); a new query or a new attempt's output starts a new one, which is how callers tell
 * "the reader searched" from "more output came".
 */
export function useLogSearch(index: LineIndex, query: string): { search: LogSearch | null; count: number } {
  const [held] = useState<{ search: LogSearch | null }>(() => ({ search: null }));
  if (!query) {
    held.search = null;
    return { search: null, count: 0 };
  }
  let search = held.search;
  if (!search || search.query !== query || search.generation !== index.generation) {
    search = new LogSearch(query, index);
    held.search = search;
  } else {
    search.extend(index);
  }
  return { search, count: search.count };
}
