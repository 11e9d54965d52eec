import { StringDecoder } from "node:string_decoder";
import { maskChunk } from "./mask-secrets";
import type { ExecContext, OutputChunk } from "./types";

// A line longer than this is cut and emitted anyway, so a process printing without newlines
// cannot grow memory without bound.
const MAX_LINE_CHARS = 64 * 1024;

/**
 * Turns a byte stream into whole lines: decodes UTF-8 across chunk boundaries, keeps the partial
 * last line until its newline (or flush()), and hands out the complete lines of each push at once.
 */
export class LineBuffer {
  private readonly decoder = new StringDecoder("utf8");
  private partial = "";

  constructor(private readonly onLines: (text: string) => void) {}

  push(data: Buffer | string): void {
    const text = this.partial + (typeof data === "string" ? data : this.decoder.write(data));
    const cut = text.lastIndexOf("\n");
    let complete = cut === -1 ? "" : text.slice(0, cut + 1);
    this.partial = cut === -1 ? text : text.slice(cut + 1);
    while (this.partial.length > MAX_LINE_CHARS) {
      complete += `${this.partial.slice(0, MAX_LINE_CHARS)}\n`;
      this.partial = this.partial.slice(MAX_LINE_CHARS);
    }
    if (complete) this.onLines(complete.replace(/\r\n/g, "\n"));
  }

  /** Emits the last line even without its newline (at process exit). */
  flush(): void {
    const rest = this.partial + this.decoder.end();
    this.partial = "";
    if (rest) this.onLines(`${rest.replace(/\r\n/g, "\n").replace(/\r$/, "")}\n`);
  }
}

/** Keeps the last `limit` characters appended. */
export class TailBuffer {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly limit: number) {}

  append(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    while (this.parts.length > 1 && this.size - (this.parts[0]?.length ?? 0) >= this.limit) {
      this.size -= this.parts.shift()?.length ?? 0;
    }
  }

  get text(): string {
    const all = this.parts.join("");
    return all.length > this.limit ? all.slice(all.length - this.limit) : all;
  }
}

/** Every chunk leaves through here: masked, and a throwing listener cannot break the executor. */
export function maskedEmitter(ctx: Pick<ExecContext, "emit">, secrets: readonly string[]) {
  return (chunk: OutputChunk): void => {
    try {
      ctx.emit(maskChunk(chunk, secrets));
    } catch {
      // The engine's listener failing must not abort a step that is changing a database.
    }
  };
}

export function info(text: string): OutputChunk {
  return { stream: "info", text: text.endsWith("\n") ? text : `${text}\n` };
}
