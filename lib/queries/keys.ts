// One key factory per resource (house style 8): no inline query keys anywhere else.
export const queryKeys = {
  targetStatus: (name: string) => ["target-status", name] as const,
  run: (runId: string) => ["run", runId] as const,
  runEvents: (runId: string) => ["run", runId, "events"] as const,
  runPresence: (runId: string) => ["run", runId, "presence"] as const,
  runsOverview: () => ["runs", "overview"] as const,
};
