// Which inputs a step needs before it can run: $VAR / ${VAR} references, <placeholder> slots and
// date-stamp templates such as YYYYMMDD_HHMMSS. A variable assigned earlier in the same block
// (BACKUP_DIR=…, export X=…, for X in …, read X) is produced by the step itself, so it is not
// reported as needed; one used before its assignment is. Shell-provided names (HOME, PATH, …)
// and positional/special parameters ($1, $?, $$) are never inputs.

const SHELL_PROVIDED = new Set([
  "HOME", "PATH", "PWD", "OLDPWD", "USER", "SHELL", "HOSTNAME", "RANDOM", "SRANDOM", "LINENO", "SECONDS", "IFS", "UID",
  "EUID", "PPID", "BASH", "BASHPID", "BASH_SOURCE", "BASH_VERSION", "BASH_REMATCH", "BASH_ARGV", "BASH_COMMAND",
  "EPOCHREALTIME", "EPOCHSECONDS", "PIPESTATUS", "FUNCNAME", "GROUPS", "HOSTTYPE", "MACHTYPE", "OSTYPE", "SHLVL",
  "COLUMNS", "LINES", "TERM", "LANG", "TMPDIR", "REPLY", "OPTARG", "OPTIND",
]);

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|\$([A-Za-z_][A-Za-z0-9_]*)|<([a-z][a-z0-9]*(?:[_-][a-z0-9]+)+|[a-z]+_[a-z0-9_]+|[a-z]{3,}(?:[ _][a-z]+)*)>|(?<![A-Za-z0-9])(YYYY[-_]?MM[-_]?DD(?:[-_T]?HH[-_:]?MM(?:[-_:]?SS)?)?|YYYYMMDD|HHMMSS)(?![A-Za-z0-9])/g;
const ASSIGN = /(?:^|[;&|(]\s*|\b(?:export|local|declare|readonly|typeset)\s+(?:-\w+\s+)*)([A-Za-z_][A-Za-z0-9_]*)\+?=/g;
const LOOP_OR_READ = /\b(?:for|select)\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\b|\bread\s+(?:-\w+\s+)*([A-Za-z_][A-Za-z0-9_ ]*)/g;

// HTML-ish words that are not placeholders when they appear in angle brackets.
const NOT_PLACEHOLDERS = new Set(["script", "html", "body", "div", "span", "table", "br", "hr", "pre", "code"]);

export function scanVariables(code: string, commentPrefix: RegExp = /^\s*#/): string[] {
  const needed: string[] = [];
  const seen = new Set<string>();
  const produced = new Set<string>();
  for (const rawLine of code.split("\n")) {
    if (commentPrefix.test(rawLine)) continue;
    // The substring checks only skip regexes that could not match: most lines of a large runbook
    // assign nothing and reference nothing.
    const line = rawLine.includes("#") ? rawLine.replace(/(^|\s)#\s.*$/, "$1") : rawLine;
    const assigns = line.includes("=");
    const loops = line.includes("for") || line.includes("select") || line.includes("read");
    const refers = line.includes("$") || line.includes("<") || line.includes("YYYY") || line.includes("HHMMSS");
    if (!assigns && !loops && !refers) continue;
    // Names bound on this line, with where: `for i in …; do echo $i; done` on one line binds i
    // before it is used, while `X=$X-suffix` still needs X.
    const assignedHere: { name: string; at: number }[] = [];
    for (const m of assigns ? line.matchAll(ASSIGN) : []) {
      if (!m[1]) continue;
      // An assignment takes effect after its command: at the next ; & or |, else on later lines.
      const valueStart = m.index + m[0].length;
      const sep = line.slice(valueStart).search(/[;&|]/);
      assignedHere.push({ name: m[1], at: sep < 0 ? Number.POSITIVE_INFINITY : valueStart + sep });
    }
    for (const m of loops ? line.matchAll(LOOP_OR_READ) : []) {
      const at = m.index + m[0].length;
      if (m[1]) assignedHere.push({ name: m[1], at });
      if (m[2]) for (const name of m[2].trim().split(/\s+/)) assignedHere.push({ name, at });
    }
    for (const m of refers ? line.matchAll(REFERENCE) : []) {
      const name = m[1] ?? m[2] ?? (m[3] ? `<${m[3]}>` : undefined) ?? m[4];
      if (!name || SHELL_PROVIDED.has(name) || produced.has(name) || seen.has(name)) continue;
      if (assignedHere.some((a) => a.name === name && a.at <= m.index)) continue;
      if (m[3] && NOT_PLACEHOLDERS.has(m[3])) continue;
      seen.add(name);
      needed.push(name);
    }
    for (const a of assignedHere) produced.add(a.name);
  }
  return needed;
}
