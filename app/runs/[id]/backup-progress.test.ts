import { describe, expect, it } from "vitest";
import { backupProgress } from "./backup-progress";

describe("backupProgress", () => {
  it("follows the latest progress line and keeps the upload figure once pg_dump finishes", () => {
    expect(backupProgress([{ stream: "stdout", text: "hello\n" }])).toBeNull();
    const chunks = [
      { stream: "info" as const, text: "progress: dumped 1.0 MB, uploaded 0.5 MB\n" },
      { stream: "info" as const, text: "progress: dumped 4.2 MB, uploaded 3.0 MB\n" },
    ];
    expect(backupProgress(chunks)).toEqual({ dumpedMb: 4.2, uploadedMb: 3, dumpFinished: false });
    chunks.push({ stream: "info", text: "progress: dumped 5.0 MB (pg_dump finished), sha256 abc\n" });
    expect(backupProgress(chunks)).toEqual({ dumpedMb: 5, uploadedMb: 3, dumpFinished: true });
  });

  it("works without S3 (no upload figure)", () => {
    expect(backupProgress([{ stream: "info", text: "progress: dumped 2.0 MB\n" }])).toEqual({ dumpedMb: 2, uploadedMb: null, dumpFinished: false });
  });
});
