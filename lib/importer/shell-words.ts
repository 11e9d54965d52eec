// Tokenises one complete shell command (heredoc bodies already removed) into simple commands
// separated by |, &&, ||, ; and &. Quotes are removed the way the shell would; $( … ) and
// backticks stay in the word and are also returned so callers can inspect nested commands.

export interface Segment {
  words: string[];
  redirects: { op: string; target: string }[];
  substitutions: string[];
}

export interface ParsedShell {
  segments: Segment[];
  operators: string[];
}

function readBalanced(text: string, i: number): number {
  // text[i] is just after "$(": return index of the matching ")".
  let depth = 1;
  let quote: string | null = null;
  for (let k = i; k < text.length; k++) {
    const c = text.charAt(k);
    if (quote) {
      if (c === "\\" && quote === '"') k++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "\\") k++;
    else if (c === "'" || c === '"') quote = c;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return k;
  }
  return text.length;
}

export function parseShellWords(text: string): ParsedShell {
  const segments: Segment[] = [];
  const operators: string[] = [];
  let seg: Segment = { words: [], redirects: [], substitutions: [] };
  let word = "";
  let inWord = false;
  let pendingRedirect: string | null = null;
  const endWord = (): void => {
    if (!inWord) return;
    if (pendingRedirect !== null) {
      seg.redirects.push({ op: pendingRedirect, target: word });
      pendingRedirect = null;
    } else seg.words.push(word);
    word = "";
    inWord = false;
  };
  const endSegment = (op: string): void => {
    endWord();
    if (pendingRedirect !== null) {
      seg.redirects.push({ op: pendingRedirect, target: "" });
      pendingRedirect = null;
    }
    if (seg.words.length > 0 || seg.redirects.length > 0) {
      segments.push(seg);
      if (op) operators.push(op);
    }
    seg = { words: [], redirects: [], substitutions: [] };
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === "\\") {
      const next = text.charAt(i + 1);
      if (next === "\n") {
        i++;
        endWord();
        continue;
      }
      word += next;
      inWord = true;
      i++;
      continue;
    }
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      const stop = end === -1 ? text.length : end;
      word += text.slice(i + 1, stop);
      inWord = true;
      i = stop;
      continue;
    }
    if (c === '"') {
      inWord = true;
      let k = i + 1;
      for (; k < text.length && text.charAt(k) !== '"'; k++) {
        const d = text.charAt(k);
        if (d === "\\" && /["\\$`\n]/.test(text.charAt(k + 1))) {
          if (text.charAt(k + 1) !== "\n") word += text.charAt(k + 1);
          k++;
        } else if (d === "$" && text.charAt(k + 1) === "(") {
          const end = readBalanced(text, k + 2);
          seg.substitutions.push(text.slice(k + 2, end));
          word += text.slice(k, end + 1);
          k = end;
        } else word += d;
      }
      i = k;
      continue;
    }
    if (c === "$" && text.charAt(i + 1) === "(") {
      const end = readBalanced(text, i + 2);
      seg.substitutions.push(text.slice(i + 2, end));
      word += text.slice(i, end + 1);
      inWord = true;
      i = end;
      continue;
    }
    if (c === "`") {
      const end = text.indexOf("`", i + 1);
      const stop = end === -1 ? text.length : end;
      seg.substitutions.push(text.slice(i + 1, stop));
      word += text.slice(i, stop + 1);
      inWord = true;
      i = stop;
      continue;
    }
    if (c === "#" && !inWord) {
      const nl = text.indexOf("\n", i);
      i = nl === -1 ? text.length : nl - 1;
      continue;
    }
    if (c === "|" || c === "&" || c === ";") {
      const double = text.charAt(i + 1) === c;
      if (c === "&" && !double && (text.charAt(i - 1) === ">" || text.charAt(i + 1) === ">")) {
        word += c;
        inWord = true;
        continue;
      }
      endSegment(double ? c + c : c);
      if (double) i++;
      continue;
    }
    if (c === "\n") {
      endSegment(";");
      continue;
    }
    if (c === ">" || c === "<") {
      // fd prefix such as 2> belongs to the operator, not a word.
      if (inWord && /^\d+$/.test(word)) {
        word = "";
        inWord = false;
      } else endWord();
      let op = c;
      while (text.charAt(i + 1) === ">" || text.charAt(i + 1) === "<" || text.charAt(i + 1) === "&" || text.charAt(i + 1) === "-") {
        op += text.charAt(i + 1);
        i++;
      }
      if (op.startsWith(">&") || op.startsWith("<&")) {
        // 2>&1: consume the fd target as part of the operator.
        const m = /^\d+|^-/.exec(text.slice(i + 1));
        if (m) i += m[0].length;
        continue;
      }
      pendingRedirect = op;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      endWord();
      continue;
    }
    word += c;
    inWord = true;
  }
  endSegment("");
  return { segments, operators };
}

// The program a simple command runs: skips VAR=value prefixes and wrappers like sudo/env/time,
// and unwraps runners (python -m alembic → alembic, npx prisma → prisma).
export function programOf(words: string[]): { program: string | null; args: string[] } {
  let k = 0;
  while (k < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k] ?? "")) k++;
  for (;;) {
    const w = words[k];
    if (w === undefined) return { program: null, args: [] };
    if (w === "sudo" || w === "doas") {
      k++;
      while (k < words.length && (words[k] ?? "").startsWith("-")) {
        const flag = words[k] ?? "";
        k += /^-[ugCDhprt]$/.test(flag) ? 2 : 1;
      }
      continue;
    }
    if (w === "env") {
      k++;
      while (k < words.length && /^(-|[A-Za-z_][A-Za-z0-9_]*=)/.test(words[k] ?? "")) k++;
      continue;
    }
    if (["time", "nohup", "exec", "command", "nice", "stdbuf"].includes(w)) {
      k++;
      while (k < words.length && (words[k] ?? "").startsWith("-")) k++;
      continue;
    }
    const base = w.replace(/^.*\//, "");
    if (/^python[0-9.]*$/.test(base) && words[k + 1] === "-m" && words[k + 2]) return { program: words[k + 2] ?? null, args: words.slice(k + 3) };
    if (/^(python[0-9.]*|node|ruby|bash|sh|zsh|perl)$/.test(base) && /\.(py|js|mjs|ts|rb|sh|pl)$/.test(words[k + 1] ?? "")) {
      return { program: (words[k + 1] ?? "").replace(/^.*\//, ""), args: words.slice(k + 2) };
    }
    if ((base === "npx" || base === "bunx" || base === "pnpx") && words[k + 1]) {
      let j = k + 1;
      while (j < words.length && (words[j] ?? "").startsWith("-")) j++;
      if (words[j]) return { program: (words[j] ?? "").replace(/@[^/]*$/, ""), args: words.slice(j + 1) };
    }
    if ((base === "poetry" || base === "pipenv" || base === "uv") && words[k + 1] === "run" && words[k + 2]) {
      return { program: (words[k + 2] ?? "").replace(/^.*\//, ""), args: words.slice(k + 3) };
    }
    if (base === "bundle" && words[k + 1] === "exec" && words[k + 2]) return { program: words[k + 2] ?? null, args: words.slice(k + 3) };
    return { program: base, args: words.slice(k + 1) };
  }
}
