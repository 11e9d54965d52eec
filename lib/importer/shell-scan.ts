// A line-at-a-time scanner for POSIX shell, just deep enough to know where one command ends:
// quotes, $( … ), backslash continuations, heredocs, trailing pipes/&&/||, and if/for/while/case
// bodies. Libraries such as shell-quote tokenise one finished command; none tells us whether the
// next line still belongs to the current one, which is the question a runbook splitter must answer.

type Context = "'" | '"' | "`" | "$(" | "(" | "${";

export interface Heredoc {
  tag: string;
  strip: boolean;
  quoted: boolean;
  body: string[];
}

export interface ShellState {
  stack: Context[];
  pending: Heredoc[];
  inHeredoc: Heredoc | null;
  heredocs: Heredoc[];
  depth: number;
  continued: boolean;
}

const OPEN_KEYWORDS = new Set(["if", "for", "while", "until", "case", "select"]);
const CLOSE_KEYWORDS = new Set(["fi", "done", "esac"]);
const COMMAND_PREFIX_KEYWORDS = new Set(["then", "do", "else", "elif", "!", "time", "if", "while", "until"]);

export function newShellState(): ShellState {
  return { stack: [], pending: [], inHeredoc: null, heredocs: [], depth: 0, continued: false };
}

export function isComplete(s: ShellState): boolean {
  return s.stack.length === 0 && s.inHeredoc === null && s.pending.length === 0 && s.depth <= 0 && !s.continued;
}

const HEREDOC = /^<<(-?)\s*(?:'([^'\n]*)'|"([^"\n]*)"|\\?([A-Za-z0-9_.-]+))/;

// Feeds one line. Returns the index where a top-level comment starts, or -1.
export function feedLine(s: ShellState, line: string): number {
  if (s.inHeredoc) {
    const doc = s.inHeredoc;
    if (line.trim() === doc.tag) s.inHeredoc = s.pending.shift() ?? null;
    else doc.body.push(line);
    return -1;
  }
  s.continued = false;
  let comment = -1;
  let word = "";
  let commandPosition = s.stack.length === 0;
  let lastOperator = false;
  const endWord = (): void => {
    if (word === "" || s.stack.length > 0) {
      word = "";
      return;
    }
    if (commandPosition && OPEN_KEYWORDS.has(word)) s.depth++;
    else if (commandPosition && CLOSE_KEYWORDS.has(word)) s.depth = Math.max(0, s.depth - 1);
    else if (commandPosition && word === "{") s.depth++;
    else if (commandPosition && word === "}") s.depth = Math.max(0, s.depth - 1);
    commandPosition = COMMAND_PREFIX_KEYWORDS.has(word) || word === "{" || (commandPosition && /^[A-Za-z_][A-Za-z0-9_]*=/.test(word));
    lastOperator = false;
    word = "";
  };
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    const top = s.stack[s.stack.length - 1];
    if (top === "'") {
      if (c === "'") s.stack.pop();
      continue;
    }
    if (top === '"' || top === "`") {
      if (c === "\\") i++;
      else if (c === top) s.stack.pop();
      else if (top === '"' && c === "$" && line.charAt(i + 1) === "(") {
        s.stack.push("$(");
        i++;
      } else if (top === '"' && c === "`") s.stack.push("`");
      continue;
    }
    if (top === "${") {
      if (c === "\\") i++;
      else if (c === "}") s.stack.pop();
      continue;
    }
    // Unquoted (top level or inside $( … ) / ( … )).
    if (c === "\\") {
      if (i === line.length - 1) {
        if (s.stack.length === 0) s.continued = true;
      } else {
        word += line.charAt(i + 1);
      }
      i++;
      continue;
    }
    if (c === "#" && word === "") {
      if (s.stack.length === 0) comment = i;
      break;
    }
    if (c === "'" || c === '"' || c === "`") {
      s.stack.push(c);
      word += c;
      lastOperator = false;
      continue;
    }
    if (c === "$" && line.charAt(i + 1) === "(") {
      s.stack.push("$(");
      word += "$(";
      i++;
      lastOperator = false;
      continue;
    }
    if (c === "$" && line.charAt(i + 1) === "{") {
      s.stack.push("${");
      word += "${";
      i++;
      continue;
    }
    if (c === "<" && line.charAt(i + 1) === "<" && line.charAt(i + 2) !== "<") {
      const m = HEREDOC.exec(line.slice(i));
      if (m) {
        const tag = m[2] ?? m[3] ?? m[4] ?? "";
        const doc: Heredoc = { tag, strip: m[1] === "-", quoted: m[2] !== undefined || m[3] !== undefined, body: [] };
        s.pending.push(doc);
        s.heredocs.push(doc);
        i += m[0].length - 1;
        endWord();
        continue;
      }
    }
    if (c === "(") {
      endWord();
      s.stack.push("(");
      commandPosition = true;
      continue;
    }
    if (c === ")") {
      endWord();
      const t = s.stack[s.stack.length - 1];
      if (t === "(" || t === "$(") s.stack.pop();
      commandPosition = true;
      continue;
    }
    if (c === " " || c === "\t") {
      endWord();
      continue;
    }
    if (c === ";" || c === "&" || c === "|") {
      endWord();
      commandPosition = true;
      // `;;` ends a case branch; a lone `&` backgrounds. Only |, && and || continue onto the next line.
      lastOperator = c === "|" || (c === "&" && line.charAt(i + 1) === "&");
      if ((c === "&" || c === "|") && line.charAt(i + 1) === c) i++;
      continue;
    }
    if (c === "<" || c === ">") {
      endWord();
      lastOperator = false;
      continue;
    }
    word += c;
    lastOperator = false;
  }
  endWord();
  if (lastOperator && s.stack.length === 0) s.continued = true;
  if (s.pending.length > 0 && s.stack.length === 0 && !s.continued) s.inHeredoc = s.pending.shift() ?? null;
  return comment;
}
