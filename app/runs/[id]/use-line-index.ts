"use client";

import { useState } from "react";
import type { OutputChunk } from "@/lib/executors/types";
import { LineIndex } from "./log-index";

/**
 * The step's output as rows, kept in step with the query cache: one index per mounted log view,
 * grown by the chunks that arrived since the last render (see LineIndex.sync, idempotent).
 */
export function useLineIndex(chunks: readonly OutputChunk[]): { index: LineIndex; length: number; generation: number } {
  const [index] = useState(() => new LineIndex());
  index.sync(chunks);
  return { index, length: index.length, generation: index.generation };
}
