"use client";

import { useId, useState } from "react";
import { formatBytes } from "./format-bytes";

export function DropZone({ maxBytes, onFiles }: { maxBytes: number; onFiles: (files: File[]) => void }) {
  const inputId = useId();
  const [over, setOver] = useState(false);
  return (
    <div
      aria-labelledby={`${inputId}-heading`}
      role="group"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        onFiles(Array.from(e.dataTransfer.files));
      }}
      className={`flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed p-6 text-center transition-colors ${
        over ? "border-sky-500 bg-sky-50" : "border-slate-300 bg-white"
      }`}
    >
      <h2 id={`${inputId}-heading`} className="font-semibold">
        Upload files
      </h2>
      <p className="text-sm text-slate-600">Drop one or more .md files here, or</p>
      <label
        htmlFor={inputId}
        className="cursor-pointer rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 focus-within:ring-2"
      >
        Choose files…
      </label>
      <input
        id={inputId}
        data-testid="file-input"
        type="file"
        accept=".md,.markdown,.txt,text/markdown,text/plain"
        multiple
        className="sr-only"
        onChange={(e) => {
          onFiles(Array.from(e.target.files ?? []));
          e.target.value = "";
        }}
      />
      <p className="text-xs text-slate-400">Up to {formatBytes(maxBytes)} each. Nothing is saved until you press Save.</p>
    </div>
  );
}
