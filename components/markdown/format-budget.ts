// "≤ 5 min", "≤ 90 s", "≤ 1 h 30 min": a budget is the time the author allows, so it reads as a cap.
export function formatBudget(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds <= 0) return null;
  if (seconds < 120 && seconds % 60 !== 0) return `≤ ${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `≤ ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `≤ ${hours} h` : `≤ ${hours} h ${rest} min`;
}
