// psql object-name patterns (\dt public.user*, \d "MixedCase") → anchored regular expressions
// for the catalog queries, following psql's processSQLNamePattern: unquoted text is folded to lower
// case, * and ? are wildcards, a dot outside quotes separates schema from name, and everything else
// matches literally. The regexes are passed as query parameters, never spliced into SQL.

export interface NamePattern {
  schema: string | null; // regex for the schema, or null when the pattern names none
  name: string | null; // regex for the object name, or null for "any"
}

const REGEX_SPECIAL = /[\\^$.|+()[\]{}*?]/;

function toRegex(part: string): string | null {
  if (part === "") return null;
  return `^(${part})$`;
}

export function parseNamePattern(pattern: string): NamePattern {
  const parts: string[] = [""];
  let inQuotes = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    const last = parts.length - 1;
    const append = (s: string) => {
      parts[last] = (parts[last] ?? "") + s;
    };
    if (ch === '"') {
      if (inQuotes && pattern[i + 1] === '"') {
        append('"');
        i++;
      } else inQuotes = !inQuotes;
    } else if (inQuotes) {
      append(REGEX_SPECIAL.test(ch) ? `\\${ch}` : ch);
    } else if (ch === ".") {
      parts.push("");
    } else if (ch === "*") {
      append(".*");
    } else if (ch === "?") {
      append(".");
    } else {
      append(REGEX_SPECIAL.test(ch) ? `\\${ch}` : ch.toLowerCase());
    }
  }
  // db.schema.name: the database part is ignored (psql requires it to be the current one).
  const name = parts[parts.length - 1] ?? "";
  const schema = parts.length > 1 ? (parts[parts.length - 2] ?? "") : null;
  return { schema: schema === null ? null : (toRegex(schema) ?? "^(.*)$"), name: toRegex(name) };
}

/** Splits meta-command arguments on whitespace, keeping "double quoted" parts together. */
export function splitMetaArgs(text: string): string[] {
  const args: string[] = [];
  let current = "";
  let inQuotes = false;
  let has = false;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    if (!inQuotes && /\s/.test(ch)) {
      if (has) args.push(current);
      current = "";
      has = false;
      continue;
    }
    current += ch;
    has = true;
  }
  if (has) args.push(current);
  return args;
}
