"use client";

import { use } from "react";
import { RunContext, type RunLive } from "./run-context";

export function useRun(): RunLive {
  const live = use(RunContext);
  if (!live) throw new Error("useRun must be used inside <RunLiveProvider>");
  return live;
}
