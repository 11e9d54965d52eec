import type { RunEventRecord } from "@/lib/runs/event-types";

/** One line of progress for a terminal, or null for events not worth a line. */
export function formatEvent(e: RunEventRecord): string | null {
  switch (e.type) {
    case "step.started":
      return `▶ ${e.stepId}`;
    case "step.output":
      return e.payload.chunks
        .map((c) =>
          c.stream === "table"
            ? `  [${c.columns.join(" | ")}] ${c.rowCount} row(s)${c.rows[0] ? `: ${c.rows.slice(0, 3).map((r) => r.join(" | ")).join("; ")}` : ""}`
            : c.text.replace(/\n$/, "").split("\n").map((l) => `  ${l}`).join("\n"),
        )
        .join("\n");
    case "step.finished": {
      const verdicts = e.payload.verdicts.map((v) => `${v.outcome === "pass" ? "✓" : v.outcome === "fail" ? "✗" : "·"} ${v.expectation.kind} ${v.actual}`);
      return `${e.payload.status === "succeeded" ? "✓" : "✗"} ${e.stepId} ${e.payload.status} in ${e.payload.durationMs} ms${e.payload.error ? `: ${e.payload.error}` : ""}${verdicts.length ? `\n  ${verdicts.join("\n  ")}` : ""}`;
    }
    case "step.skipped":
      return `- ${e.stepId} skipped: ${e.payload.reason}`;
    case "step.interrupted":
      return `! ${e.stepId} interrupted: ${e.payload.reason}`;
    default:
      return null;
  }
}
