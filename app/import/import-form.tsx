"use client";

import { useState } from "react";
import { DropZone } from "./drop-zone";
import { ImportItemCard } from "./import-item-card";
import { PASTE_KEY, useImportQueue } from "./use-import-queue";

export function ImportForm({ maxBytes }: { maxBytes: number }) {
  const queue = useImportQueue(maxBytes);
  // The pasted text lives here, not in the queue: an error or a save never empties the box.
  const [text, setText] = useState("");
  const [name, setName] = useState("");
  const pasteItem = queue.items.find((i) => i.key === PASTE_KEY);
  const ready = queue.items.filter((i) => i.status === "ready").length;

  return (
    <div className="mt-6 flex flex-col gap-6">
      <div className="grid gap-4 lg:grid-cols-2">
        <form
          aria-labelledby="paste-heading"
          className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
          onSubmit={(e) => {
            e.preventDefault();
            queue.previewPaste(text, name);
          }}
        >
          <h2 id="paste-heading" className="font-semibold">
            Paste Markdown
          </h2>
          <label htmlFor="paste-text" className="sr-only">
            Runbook Markdown
          </label>
          <textarea
            id="paste-text"
            name="text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={12}
            spellCheck={false}
            placeholder={"# Rollback: …\n\n## Step 1: Stop the worker (1 minute)\n\n```bash\n…\n```"}
            className="w-full resize-y rounded border border-slate-300 px-3 py-2 font-mono text-sm focus:border-slate-500 focus:outline-none"
          />
          <div className="flex flex-wrap items-end gap-2">
            <label className="flex min-w-48 flex-1 flex-col text-sm text-slate-600">
              Name <span className="text-xs text-slate-400">(optional; the address is made from the title otherwise)</span>
              <input
                name="name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                className="mt-1 rounded border border-slate-300 px-2 py-1 text-slate-900 focus:border-slate-500 focus:outline-none"
              />
            </label>
            <button
              type="submit"
              disabled={pasteItem?.status === "parsing"}
              className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60"
            >
              {pasteItem?.status === "parsing" ? "Reading…" : "Preview"}
            </button>
          </div>
        </form>
        <DropZone maxBytes={maxBytes} onFiles={(files) => void queue.addFiles(files)} />
      </div>

      {queue.items.length > 0 ? (
        <section aria-labelledby="documents-heading">
          <div className="mb-2 flex items-center gap-3">
            <h2 id="documents-heading" className="text-lg font-semibold">
              Preview
            </h2>
            {ready > 1 ? (
              <button
                type="button"
                onClick={() => void queue.saveAll()}
                className="ml-auto rounded bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-600"
              >
                Save all {ready}
              </button>
            ) : null}
          </div>
          <ul aria-label="Documents to import" aria-live="polite" className="flex flex-col gap-4">
            {queue.items.map((item) => (
              <ImportItemCard key={item.key} item={item} onSave={() => void queue.save(item.key)} onRemove={() => queue.remove(item.key)} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
