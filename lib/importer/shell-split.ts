import { feedLine, isComplete, newShellState, type Heredoc } from "./shell-scan";
import type { LineRange } from "./types";

export interface RawCommand {
  text: string; // the command as the shell would read it (prompts stripped, lines joined with \n)
  commandText: string; // the same without heredoc bodies, for tokenising
  codeLines: LineRange; // the command's own lines
  lines: LineRange; // plus the comments/output lines that follow it
  comments: { line: number; text: string }[]; // comment-only lines attached to this command
  output: { line: number; text: string }[]; // sample output after a `$ ` prompt command
  heredocs: Heredoc[];
  session: { line: number; text: string }[]; // lines typed into an interactive client (psql …)
}

export interface SplitOptions {
  // Whether a finished command opens an interactive session that swallows the rest of the block.
  opensSession?: (text: string, heredocs: Heredoc[]) => boolean;
}

const PROMPT = /^\s*\$ /;
const CONTINUATION_PROMPT = /^\s*> /;

export function hasShellPrompts(lines: string[]): boolean {
  return lines.some((l) => PROMPT.test(l));
}

function isCommentLine(line: string): boolean {
  return /^\s*#/.test(line);
}

export function splitShell(lines: string[], firstLine: number, options: SplitOptions = {}): { commands: RawCommand[]; warnings: string[] } {
  const prompt = hasShellPrompts(lines);
  const commands: RawCommand[] = [];
  const warnings: string[] = [];
  const leading: { line: number; text: string }[] = [];
  let current: RawCommand | null = null;
  let i = 0;
  const attach = (kind: "comments" | "output", k: number): void => {
    const entry = { line: firstLine + k, text: lines[k] ?? "" };
    if (current) {
      current[kind].push(entry);
      current.lines[1] = firstLine + k;
    } else if (kind === "comments") leading.push(entry);
  };
  while (i < lines.length) {
    const raw = lines[i] ?? "";
    if (raw.trim() === "") {
      i++;
      continue;
    }
    if (isCommentLine(raw)) {
      attach("comments", i);
      i++;
      continue;
    }
    if (prompt && !PROMPT.test(raw)) {
      attach("output", i);
      i++;
      continue;
    }
    const state = newShellState();
    const parts: string[] = [];
    const commandParts: string[] = [];
    const start = i;
    let text = prompt ? raw.replace(PROMPT, "") : raw;
    for (;;) {
      const inBody = state.inHeredoc !== null;
      feedLine(state, text);
      parts.push(text);
      if (!inBody) commandParts.push(text);
      if (isComplete(state) || i + 1 >= lines.length) break;
      i++;
      text = lines[i] ?? "";
      if (prompt && !state.inHeredoc) text = text.replace(CONTINUATION_PROMPT, "");
    }
    if (!isComplete(state)) {
      warnings.push(`line ${firstLine + start}: command is not terminated (unbalanced quote, heredoc or if/fi) before the end of its block`);
    }
    const cmd: RawCommand = {
      text: parts.join("\n"),
      commandText: commandParts.join("\n"),
      codeLines: [firstLine + start, firstLine + i],
      lines: [firstLine + start, firstLine + i],
      comments: [],
      output: [],
      heredocs: state.heredocs,
      session: [],
    };
    if (commands.length === 0 && leading.length > 0) {
      cmd.comments.push(...leading);
      cmd.lines[0] = leading[0]?.line ?? cmd.lines[0];
    }
    commands.push(cmd);
    current = cmd;
    i++;
    if (options.opensSession?.(cmd.text, cmd.heredocs) && i < lines.length) {
      for (; i < lines.length; i++) {
        const t = lines[i] ?? "";
        if (t.trim() === "") continue;
        cmd.session.push({ line: firstLine + i, text: t });
        cmd.lines[1] = firstLine + i;
      }
    }
  }
  return { commands, warnings };
}
