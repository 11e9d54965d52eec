// Fence info strings as written in runbooks, mapped to a grammar the highlighter knows.
const ALIASES: Record<string, string> = {
  sh: "bash",
  shell: "bash",
  zsh: "bash",
  console: "bash",
  terminal: "bash",
  psql: "sql",
  pgsql: "sql",
  postgres: "sql",
  postgresql: "sql",
  plpgsql: "sql",
  mysql: "sql",
  yml: "yaml",
  js: "javascript",
  ts: "typescript",
  py: "python",
  md: "markdown",
  text: "plaintext",
  txt: "plaintext",
  plain: "plaintext",
  output: "plaintext",
};

export function highlightLanguage(lang: string | null | undefined): string | null {
  const clean = (lang ?? "").trim().toLowerCase().split(/[\s{]/)[0]?.replace(/[^a-z0-9_+-]/g, "") ?? "";
  if (!clean) return null;
  return ALIASES[clean] ?? clean;
}
