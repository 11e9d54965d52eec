import type { Step } from "@/lib/importer/types";

// Which steps fall under the two-person rule. Pure, so the page shows the approval panel for
// exactly the steps the server will refuse to run without one.
const MARKED = new Set(["required", "true", "yes", "1"]);

export function needsApproval(step: Pick<Step, "destructive" | "attributes">, targetProtected: boolean): boolean {
  return targetProtected && (step.destructive || MARKED.has((step.attributes?.approval ?? "").toLowerCase()));
}
