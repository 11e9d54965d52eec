import type { RunView } from "@/lib/runs/project";

// The step the commander should do next: the first pending step of the chosen scenario that
// the desk can run. Manual steps are not "next" (they are ticked off by hand when reached).
export function nextStepId(view: RunView, scopeStepIds: readonly string[]): string | null {
  if (view.status !== "active") return null;
  for (const id of scopeStepIds) {
    const status = view.steps[id]?.status ?? "pending";
    if (status !== "pending") continue;
    if (view.preflight[id]?.runnable === false) continue;
    return id;
  }
  return null;
}
