// Reading a fence's info string: language, and Runme-style attributes (```sh { name=x interactive=false }).

export interface FenceInfo {
  lang: string; // lower-case, "" when untagged
  attributes: Record<string, string>;
}

export function parseFenceInfo(lang: string | null | undefined, meta: string | null | undefined): FenceInfo {
  let l = (lang ?? "").trim();
  let m = (meta ?? "").trim();
  // ```sh{name=x} arrives as one word.
  const brace = l.indexOf("{");
  if (brace > 0) {
    m = `${l.slice(brace)} ${m}`.trim();
    l = l.slice(0, brace);
  } else if (brace === 0) {
    // ```{bash} (R Markdown) or ```{ name=x }
    const inner = /^\{\s*([A-Za-z][\w+-]*)\s*\}$/.exec(l);
    if (inner) {
      l = inner[1] ?? "";
    } else {
      m = `${l} ${m}`.trim();
      l = "";
    }
  }
  return { lang: l.toLowerCase().replace(/^\./, ""), attributes: parseAttributes(m) };
}

function parseAttributes(meta: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  const body = /\{([\s\S]*)\}/.exec(meta)?.[1];
  if (body === undefined) return attributes;
  // JSON object form: {"name":"x","interactive":false}
  if (/^\s*"/.test(body)) {
    try {
      const parsed: unknown = JSON.parse(`{${body}}`);
      if (parsed && typeof parsed === "object") {
        for (const [k, v] of Object.entries(parsed)) attributes[k] = String(v);
        return attributes;
      }
    } catch {
      // fall through to key=value parsing
    }
  }
  for (const m of body.matchAll(/([A-Za-z_][\w.-]*)\s*[=:]\s*("([^"]*)"|'([^']*)'|[^\s,}]+)/g)) {
    const key = m[1];
    if (key) attributes[key] = m[3] ?? m[4] ?? m[2] ?? "";
  }
  return attributes;
}

export type LangFamily = "sql" | "shell" | "data" | "source" | "unsupported-shell" | "untagged" | "unknown";

const SQL = new Set(["sql", "psql", "pgsql", "postgres", "postgresql", "plpgsql", "plsql", "mysql", "mariadb", "tsql", "sqlite", "pgsql-console", "postgresql-console"]);
const SHELL = new Set(["bash", "sh", "shell", "zsh", "ksh", "dash", "console", "shell-session", "shellsession", "sh-session", "terminal", "shellscript", "cli", "fish", "command", "commands", "cmdline", "bash-session"]);
const DATA = new Set(["text", "txt", "plain", "plaintext", "output", "out", "log", "logs", "yaml", "yml", "json", "jsonc", "json5", "markdown", "md", "mdx", "mermaid", "diff", "patch", "xml", "html", "css", "toml", "ini", "conf", "cfg", "properties", "env", "dotenv", "csv", "tsv", "dot", "graphviz", "plantuml", "puml", "ascii", "none", "nohighlight", "http", "svg", "tex", "latex", "gitignore", "template", "tpl", "result", "results", "example", "sample", "rst", "asciidoc", "adoc"]);
const SOURCE = new Set(["python", "py", "python3", "javascript", "js", "jsx", "mjs", "ts", "typescript", "tsx", "go", "golang", "java", "kotlin", "kt", "ruby", "rb", "rust", "rs", "c", "cpp", "c++", "h", "csharp", "cs", "php", "perl", "pl", "swift", "scala", "hcl", "terraform", "tf", "dockerfile", "docker", "makefile", "make", "nginx", "apache", "prisma", "graphql", "gql", "proto", "protobuf", "lua", "r", "vim", "jinja", "j2", "handlebars", "hbs", "groovy", "elixir", "ex", "erlang", "haskell", "hs", "clojure", "dart", "zig", "nix", "jsonnet", "rego", "cue", "vue", "svelte", "objective-c", "objc"]);
const UNSUPPORTED_SHELL = new Set(["powershell", "ps1", "pwsh", "ps", "bat", "batch", "cmd", "dos"]);

export function langFamily(lang: string): LangFamily {
  if (lang === "") return "untagged";
  if (SQL.has(lang)) return "sql";
  if (SHELL.has(lang)) return "shell";
  if (DATA.has(lang)) return "data";
  if (SOURCE.has(lang)) return "source";
  if (UNSUPPORTED_SHELL.has(lang)) return "unsupported-shell";
  return "unknown";
}
