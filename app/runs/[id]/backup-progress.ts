import type { OutputChunk } from "@/lib/executors/types";

// The backup executor reports progress as info lines ("progress: dumped 12.3 MB, uploaded
// 8.0 MB", then "… (pg_dump finished) …"); the step card turns the latest one into bars.
export interface BackupProgress {
  dumpedMb: number;
  uploadedMb: number | null;
  dumpFinished: boolean;
}

const LINE = /^progress: dumped ([\d.]+) MB(?:, uploaded ([\d.]+) MB)?(.*)$/;

function next(prev: BackupProgress | null, m: RegExpExecArray): BackupProgress {
  return {
    dumpedMb: Number(m[1]),
    // The finishing line names no upload figure: keep the last one seen.
    uploadedMb: m[2] !== undefined ? Number(m[2]) : (prev?.uploadedMb ?? null),
    dumpFinished: (m[3] ?? "").includes("pg_dump finished") || (prev?.dumpFinished ?? false),
  };
}

export function backupProgress(chunks: readonly OutputChunk[]): BackupProgress | null {
  let found: BackupProgress | null = null;
  for (const c of chunks) {
    if (c.stream !== "info") continue;
    for (const line of c.text.split("\n")) {
      const m = LINE.exec(line.trim());
      if (m) found = next(found, m);
    }
  }
  return found;
}
