"use client";

import { useSyncExternalStore } from "react";

// One ticker for every clock on the page (the run's, each section's, each overview row's): they
// all move on the same second, and a page with fifty clocks still runs one interval.

const TICK_MS = 1000;
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

// The server renders its own time (the page reads right without JS); the browser's first render
// may differ by a second, which the clocks' text tolerates (suppressHydrationWarning).
const clientNow = () => now;
const serverNow = () => (typeof window === "undefined" ? Date.now() : now);

/** The current time in ms, updated every second while a component uses it. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, clientNow, serverNow);
}
