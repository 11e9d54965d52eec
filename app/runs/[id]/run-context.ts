"use client";

import { createContext } from "react";
import type { RunCapability } from "./run-capabilities";
import type { RunEventRecord } from "@/lib/runs/event-types";
import type { RunView } from "@/lib/runs/project";
import type { EarlierOutput } from "./use-earlier-output";


export interface RunMeta {
  runId: string;
  targetName: string;
  targetProtected: boolean;
  scenario: string | null;
  // Step ids of the chosen scenario (and of no scenario), in document order.
  scopeStepIds: string[];
  stepNumbers: Record<string, number>;
  stepTitles: Record<string, string>;
  me: { id: string; label: string };
  can: Record<RunCapability, boolean>;
}

export interface RunLive extends RunMeta {
  view: RunView;
  events: RunEventRecord[];
  refresh: () => Promise<void>;
  connectionError: string | null;
  nextStepId: string | null;
  // Steps whose output head the page is still loading (or failed to): step id → state.
  earlier: Readonly<Record<string, EarlierOutput>>;
}

export const RunContext = createContext<RunLive | null>(null);
