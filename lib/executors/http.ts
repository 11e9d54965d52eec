import { parseHttpCommand, type HttpSpec } from "./http-command";
import { maskSecrets, secretsFor } from "./mask-secrets";
import { info, maskedEmitter } from "./output";
import { HTTP_BODY_EXCERPT_BYTES, type ExecContext, type ExecResult, type ExecStatus } from "./types";

// Headers fetch manages itself (or refuses); a runbook setting them gets a note instead.
const MANAGED_HEADERS = new Set(["host", "connection", "content-length", "transfer-encoding", "keep-alive", "upgrade", "expect"]);

function networkError(error: unknown, url: string): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const where = (() => {
    try {
      const u = new URL(url);
      return `${u.hostname}:${u.port || (u.protocol === "https:" ? "443" : "80")}`;
    } catch {
      return url;
    }
  })();
  switch (cause?.code) {
    case "ECONNREFUSED":
      return `request to ${where} failed: connection refused`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `request to ${where} failed: unknown host`;
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return `request to ${where} failed: connection closed by the server`;
    default:
      return `request to ${where} failed: ${cause?.message ?? (error instanceof Error ? error.message : String(error))}`;
  }
}

/** Reads at most `limit` bytes of the body, then stops the download. */
async function excerpt(body: ReadableStream<Uint8Array> | null, limit: number): Promise<{ text: string; truncated: boolean }> {
  if (!body) return { text: "", truncated: false };
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    size += value.byteLength;
    if (size >= limit) {
      truncated = size > limit || !(await reader.read()).done;
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  const bytes = Buffer.concat(parts).subarray(0, limit);
  return { text: new TextDecoder("utf-8").decode(bytes), truncated };
}

/**
 * Runs a curl/wget command line (or an already parsed request) natively with fetch: no shell and
 * no curl binary. Records the status and the first 4 KB of the body.
 */
export async function runHttp(spec: string | HttpSpec, ctx: ExecContext): Promise<ExecResult> {
  const secrets = secretsFor(ctx.secrets, ctx.targetUrl);
  const emit = maskedEmitter(ctx, secrets);
  let bodyText = "";
  let httpStatus: number | null = null;
  const result = (status: ExecStatus, error: string | null): ExecResult => ({
    status,
    exitCode: status === "succeeded" ? 0 : status === "failed" ? 1 : null,
    error: error === null ? null : maskSecrets(error, secrets),
    results: [],
    httpStatus,
    stdoutTail: maskSecrets(bodyText, secrets),
    produced: {},
  });
  if (ctx.signal.aborted) return result("cancelled", "cancelled before it started");

  let request: HttpSpec;
  if (typeof spec === "string") {
    const parsed = parseHttpCommand(spec, ctx.variables);
    if (!parsed.ok) return result("failed", parsed.error);
    request = parsed.spec;
  } else request = spec;
  for (const note of request.notes) emit(info(note));
  // Reading is harmless in a rehearsal; anything else would change a live system for real.
  if (ctx.mode === "rehearsal" && request.method !== "GET" && request.method !== "HEAD") {
    emit(info(`rehearsal: ${request.method} ${request.url} is not sent (only GET/HEAD checks run in a rehearsal)`));
    return result("failed", `not run: a rehearsal does not send ${request.method} requests`);
  }

  const headers = new Headers();
  for (const [name, value] of request.headers) {
    if (MANAGED_HEADERS.has(name.toLowerCase())) emit(info(`header ${name} is set by the HTTP client; ignored`));
    else headers.append(name, value);
  }
  // fetch refuses credentials in the URL; curl sends them as Basic auth, so do that.
  const target = new URL(request.url);
  if (target.username || target.password) {
    const userPass = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
    if (!headers.has("authorization")) headers.set("Authorization", `Basic ${Buffer.from(userPass).toString("base64")}`);
    target.username = "";
    target.password = "";
  }
  const timeoutMs = Math.min(ctx.timeoutMs, request.timeoutMs ?? Number.POSITIVE_INFINITY);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const signal = AbortSignal.any([ctx.signal, timeout.signal]);
  const started = Date.now();
  emit(info(`${request.method} ${request.url}`));
  try {
    if (request.body !== null && (request.method === "GET" || request.method === "HEAD"))
      return result("failed", `a ${request.method} request cannot carry a body (use -X POST or -G)`);
    const response = await fetch(target, {
      method: request.method,
      headers,
      body: request.body,
      redirect: request.followRedirects ? "follow" : "manual",
      signal,
    });
    httpStatus = response.status;
    const statusLine = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
    if (request.includeHeaders) {
      const lines = [statusLine, ...[...response.headers].map(([k, v]) => `${k}: ${v}`), ""];
      emit({ stream: "stdout", text: `${lines.join("\n")}\n` });
    }
    const body = await excerpt(response.body, HTTP_BODY_EXCERPT_BYTES);
    bodyText = body.text;
    if (bodyText) emit({ stream: "stdout", text: bodyText.endsWith("\n") ? bodyText : `${bodyText}\n` });
    if (body.truncated) emit(info(`body cut after ${HTTP_BODY_EXCERPT_BYTES / 1024} KB`));
    emit(info(`→ ${statusLine} in ${Date.now() - started} ms`));
    if (request.failOnHttpError && response.status >= 400)
      return result("failed", `${statusLine} (the command fails on HTTP errors)`);
    return result("succeeded", null);
  } catch (error) {
    if (ctx.signal.aborted) return result("cancelled", "cancelled; the request was aborted");
    if (timeout.signal.aborted) return result("timed_out", `timed out after ${timeoutMs} ms (${request.method} ${request.url})`);
    return result("failed", networkError(error, request.url));
  } finally {
    clearTimeout(timer);
  }
}
