"use client";

import { useCallback, useSyncExternalStore } from "react";

// The name this browser shows to the other watchers of a run. Until sign-in exists the watcher
// picks it; it lives in localStorage and follows changes made in other tabs.
const KEY = "desk.watcherName";
const CHANGED = "desk-watcher-name";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

function read(): string {
  try {
    return window.localStorage.getItem(KEY)?.trim() ?? "";
  } catch {
    return ""; // storage disabled
  }
}

/** The chosen name ("" until one is picked; null while server rendering). */
export function useWatcherName(): [string | null, (name: string) => void] {
  const name = useSyncExternalStore(subscribe, read, () => null);
  const setName = useCallback((next: string) => {
    try {
      window.localStorage.setItem(KEY, next.trim().slice(0, 40));
    } catch {
      // storage disabled: the name lasts until the page closes
    }
    window.dispatchEvent(new Event(CHANGED));
  }, []);
  return [name, setName];
}
