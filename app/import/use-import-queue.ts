"use client";

import { useCallback, useEffect, useReducer, useRef } from "react";
import { importRunbookAction, previewRunbookAction } from "./actions";
import { formatBytes } from "./format-bytes";
import type { ImportSummary } from "./import-summary";
import type { ImportDocumentInput } from "./schemas";

export type ItemStatus = "parsing" | "ready" | "error" | "saving" | "saved";

export interface SavedRunbook {
  slug: string;
  title: string;
  number: number;
  created: boolean;
}

export interface ImportItem {
  key: string;
  label: string;
  bytes: number;
  input: ImportDocumentInput | null; // null when the file was refused before it was read
  status: ItemStatus;
  summary?: ImportSummary;
  error?: string;
  saved?: SavedRunbook;
}

type Action =
  | { type: "upsert"; item: ImportItem }
  | { type: "patch"; key: string; patch: Partial<ImportItem> }
  | { type: "remove"; key: string };

function reducer(items: ImportItem[], action: Action): ImportItem[] {
  switch (action.type) {
    case "upsert": {
      const at = items.findIndex((i) => i.key === action.item.key);
      if (at === -1) return [...items, action.item];
      return items.map((i, n) => (n === at ? action.item : i));
    }
    case "patch":
      return items.map((i) => (i.key === action.key ? { ...i, ...action.patch } : i));
    case "remove":
      return items.filter((i) => i.key !== action.key);
  }
}

const UNREACHABLE =
  "The server did not accept the document (it may be larger than the server takes in one request). Nothing was saved.";

export const PASTE_KEY = "paste";

// Checks made before anything is sent, with the same wording as the server's.
function refuse(text: string, bytes: number, maxBytes: number): string | null {
  if (bytes > maxBytes) return `The document is larger than ${formatBytes(maxBytes)}.`;
  if (text.includes("\u0000")) return "The document looks binary (it contains NUL bytes), not Markdown.";
  if (text.trim() === "") return "The document is empty: there is nothing to import.";
  return null;
}

/** The documents on the import page: each is previewed on the server, then saved on request. */
export function useImportQueue(maxBytes: number) {
  const [items, dispatch] = useReducer(reducer, []);
  const counter = useRef(0);
  const itemsRef = useRef(items);
  useEffect(() => {
    itemsRef.current = items;
  }, [items]);

  const preview = useCallback(async (key: string, input: ImportDocumentInput) => {
    try {
      const res = await previewRunbookAction(input);
      if (res.data) dispatch({ type: "patch", key, patch: { status: "ready", summary: res.data, error: undefined } });
      else
        dispatch({
          type: "patch",
          key,
          patch: { status: "error", error: res.serverError ?? firstValidationError(res.validationErrors) ?? UNREACHABLE },
        });
    } catch {
      dispatch({ type: "patch", key, patch: { status: "error", error: UNREACHABLE } });
    }
  }, []);

  const submit = useCallback(
    (key: string, label: string, input: ImportDocumentInput, bytes: number) => {
      const problem = refuse(input.text, bytes, maxBytes);
      if (problem) {
        dispatch({ type: "upsert", item: { key, label, bytes, input, status: "error", error: problem } });
        return;
      }
      dispatch({ type: "upsert", item: { key, label, bytes, input, status: "parsing" } });
      void preview(key, input);
    },
    [maxBytes, preview],
  );

  const addFiles = useCallback(
    async (files: File[]) => {
      for (const file of files) {
        const key = `file-${++counter.current}`;
        if (!/\.(md|markdown|txt)$/i.test(file.name)) {
          dispatch({
            type: "upsert",
            item: { key, label: file.name, bytes: file.size, input: null, status: "error", error: "Only Markdown files (.md) can be imported." },
          });
          continue;
        }
        if (file.size > maxBytes) {
          dispatch({
            type: "upsert",
            item: { key, label: file.name, bytes: file.size, input: null, status: "error", error: refuse("x", file.size, maxBytes) ?? "" },
          });
          continue;
        }
        const text = await file.text();
        submit(key, file.name, { text, origin: "upload", fileName: file.name }, file.size);
      }
    },
    [maxBytes, submit],
  );

  const previewPaste = useCallback(
    (text: string, name: string) => {
      const bytes = new TextEncoder().encode(text).length;
      const trimmed = name.trim();
      submit(PASTE_KEY, trimmed || "Pasted text", { text, origin: "paste", ...(trimmed ? { name: trimmed } : {}) }, bytes);
    },
    [submit],
  );

  const save = useCallback(async (key: string) => {
    const item = itemsRef.current.find((i) => i.key === key);
    if (!item?.input || item.status !== "ready") return;
    dispatch({ type: "patch", key, patch: { status: "saving" } });
    try {
      const res = await importRunbookAction(item.input);
      if (res.data) dispatch({ type: "patch", key, patch: { status: "saved", saved: res.data } });
      else
        dispatch({
          type: "patch",
          key,
          patch: { status: "ready", error: res.serverError ?? firstValidationError(res.validationErrors) ?? UNREACHABLE },
        });
    } catch {
      dispatch({ type: "patch", key, patch: { status: "ready", error: UNREACHABLE } });
    }
  }, []);

  const saveAll = useCallback(async () => {
    for (const item of itemsRef.current) if (item.status === "ready") await save(item.key);
  }, [save]);

  const remove = useCallback((key: string) => dispatch({ type: "remove", key }), []);

  return { items, addFiles, previewPaste, save, saveAll, remove };
}

function firstValidationError(errors: unknown): string | undefined {
  // next-safe-action's formatted errors: { field: { _errors: [msg] } }; show the first message.
  const seen: unknown[] = [errors];
  while (seen.length > 0) {
    const v = seen.shift();
    if (Array.isArray(v) && typeof v[0] === "string") return v[0];
    if (v && typeof v === "object") seen.push(...Object.values(v));
  }
  return undefined;
}
