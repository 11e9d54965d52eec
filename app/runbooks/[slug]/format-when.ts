// Server-rendered and identical for every viewer (no locale or timezone drift between watchers).
export function formatWhen(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
