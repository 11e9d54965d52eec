// curl / wget command lines → a request the http executor runs natively with fetch. $VARS are
// substituted from the run's variables here (they are data for the request, there is no shell),
// exactly where bash would expand them: unquoted or in double quotes, not in single quotes.
import { parse } from "shell-quote";

export interface HttpSpec {
  method: string;
  url: string;
  headers: [string, string][];
  body: string | null;
  failOnHttpError: boolean; // curl -f; wget always
  followRedirects: boolean; // curl -L; wget always
  includeHeaders: boolean; // curl -i/-I, wget -S
  timeoutMs: number | null; // curl -m, wget -T
  notes: string[]; // options understood but not applied
}

export type ParsedHttp = { ok: true; spec: HttpSpec } | { ok: false; error: string };

const CURL_VALUE_SHORT = new Set(["X", "H", "d", "u", "A", "e", "b", "m", "o", "w", "F", "T", "x", "K", "E", "r", "c"]);
const CURL_IGNORED = new Set(["-s", "--silent", "-S", "--show-error", "-v", "--verbose", "--compressed", "-N", "--no-buffer", "-4", "-6", "--http1.1", "--http2", "-#", "--progress-bar", "-g", "--globoff", "--fail-early"]);
const CURL_IGNORED_WITH_VALUE = new Set(["--retry", "--retry-delay", "--retry-max-time", "--connect-timeout", "-c", "--cookie-jar", "-r", "--range"]);

function blank(tool: string): HttpSpec {
  const wget = tool === "wget";
  return { method: "GET", url: "", headers: [], body: null, failOnHttpError: wget, followRedirects: wget, includeHeaders: false, timeoutMs: null, notes: [] };
}

function header(spec: HttpSpec, raw: string): void {
  const colon = raw.indexOf(":");
  if (colon <= 0) return;
  spec.headers.push([raw.slice(0, colon).trim(), raw.slice(colon + 1).trim()]);
}

const hasHeader = (spec: HttpSpec, name: string) => spec.headers.some(([n]) => n.toLowerCase() === name.toLowerCase());
const basic = (userPass: string) => `Basic ${Buffer.from(userPass).toString("base64")}`;

/** Splits a command into words, substituting variables; refuses shell constructs we cannot honour. */
function words(command: string, variables: Record<string, string>): string[] | string {
  const missing = new Set<string>();
  const parsed = parse(command, (key: string) => {
    const value = variables[key];
    if (value === undefined) missing.add(key);
    return value ?? "";
  });
  const out: string[] = [];
  for (const entry of parsed) {
    if (typeof entry === "string") out.push(entry);
    else if ("comment" in entry) break;
    else if (entry.op === "glob") out.push(entry.pattern);
    else return `shell syntax "${entry.op}" (pipes, redirections, command lists, subshells) is not supported in an http check; run it as a shell step`;
  }
  if (missing.size > 0) return `variable${missing.size > 1 ? "s" : ""} not set: ${[...missing].join(", ")}`;
  if (out.some((w) => w.includes("`"))) return "command substitution is not supported in an http check; run it as a shell step";
  return out;
}

/** -sSfL → -s -S -f -L; -XPOST → -X POST; -HAccept:x → -H Accept:x. */
function expandShortFlags(arg: string): string[] {
  const letters = arg.slice(1);
  const at = [...letters].findIndex((ch) => CURL_VALUE_SHORT.has(ch));
  const out = [...(at === -1 ? letters : letters.slice(0, at))].map((ch) => `-${ch}`);
  if (at !== -1) out.push(`-${letters[at]}`, ...(at + 1 < letters.length ? [letters.slice(at + 1)] : []));
  return out;
}

function parseCurl(rawArgs: readonly string[], spec: HttpSpec): string | null {
  const data: string[] = [];
  let get = false;
  const args = [...rawArgs];
  for (let i = 0; i < args.length; i++) {
    // Expanded here, not up front, so option values that start with "-" stay intact.
    if (/^-[^-]./.test(args[i] ?? "")) args.splice(i, 1, ...expandShortFlags(args[i] ?? ""));
    const arg = args[i] ?? "";
    const take = () => args[++i] ?? "";
    if (!arg.startsWith("-")) {
      if (spec.url) return `more than one URL (${spec.url}, ${arg}): one request per http check`;
      spec.url = arg;
    } else if (arg === "--url") spec.url = take();
    else if (arg === "-X" || arg === "--request") spec.method = take().toUpperCase();
    else if (arg === "-H" || arg === "--header") header(spec, take());
    else if (["-d", "--data", "--data-ascii", "--data-binary", "--data-raw"].includes(arg)) {
      const v = take();
      if (v.startsWith("@") && arg !== "--data-raw") return `${arg} ${v}: reading the body from a file is not supported in an http check`;
      data.push(arg === "--data-binary" || arg === "--data-raw" ? v : v.replace(/[\r\n]/g, ""));
    } else if (arg === "--data-urlencode") {
      const v = take();
      const eq = v.indexOf("=");
      data.push(eq > 0 ? `${v.slice(0, eq)}=${encodeURIComponent(v.slice(eq + 1))}` : encodeURIComponent(eq === 0 ? v.slice(1) : v));
    } else if (arg === "--json") {
      data.push(take());
      if (!hasHeader(spec, "content-type")) spec.headers.push(["Content-Type", "application/json"]);
      if (!hasHeader(spec, "accept")) spec.headers.push(["Accept", "application/json"]);
    } else if (arg === "-u" || arg === "--user") spec.headers.push(["Authorization", basic(take())]);
    else if (arg === "-A" || arg === "--user-agent") spec.headers.push(["User-Agent", take()]);
    else if (arg === "-e" || arg === "--referer") spec.headers.push(["Referer", take()]);
    else if (arg === "-b" || arg === "--cookie") {
      const v = take();
      if (!v.includes("=")) return `${arg} ${v}: reading cookies from a file is not supported in an http check`;
      spec.headers.push(["Cookie", v]);
    } else if (arg === "-f" || arg === "--fail" || arg === "--fail-with-body") spec.failOnHttpError = true;
    else if (arg === "-L" || arg === "--location") spec.followRedirects = true;
    else if (arg === "-i" || arg === "--include") spec.includeHeaders = true;
    else if (arg === "-I" || arg === "--head") {
      spec.method = "HEAD";
      spec.includeHeaders = true;
    } else if (arg === "-G" || arg === "--get") get = true;
    else if (arg === "-m" || arg === "--max-time") spec.timeoutMs = Math.round(Number(take()) * 1000) || null;
    else if (arg === "-k" || arg === "--insecure") spec.notes.push(`${arg}: certificate verification stays on`);
    else if (arg === "-o" || arg === "--output") spec.notes.push(`${arg} ${take()}: the body is shown instead of written to a file`);
    else if (arg === "-w" || arg === "--write-out") {
      take();
      spec.notes.push(`${arg}: not applied; the status is recorded instead`);
    }
    else if (CURL_IGNORED_WITH_VALUE.has(arg)) spec.notes.push(`${arg} ${take()}: ignored`);
    else if (CURL_IGNORED.has(arg)) continue;
    else return `unsupported curl option ${arg}`;
  }
  if (data.length > 0) {
    const joined = data.join("&");
    if (get) spec.url += (spec.url.includes("?") ? "&" : "?") + joined;
    else {
      spec.body = joined;
      if (spec.method === "GET") spec.method = "POST";
      if (!hasHeader(spec, "content-type")) spec.headers.push(["Content-Type", "application/x-www-form-urlencoded"]);
    }
  }
  return null;
}

function parseWget(args: string[], spec: HttpSpec): string | null {
  let user: string | null = null;
  let password = "";
  for (let i = 0; i < args.length; i++) {
    const raw = args[i] ?? "";
    const long = /^(--[a-z-]+)=([\s\S]*)$/.exec(raw);
    const arg = long?.[1] ?? raw;
    const take = () => long?.[2] ?? args[++i] ?? "";
    if (!arg.startsWith("-")) {
      if (spec.url) return `more than one URL (${spec.url}, ${arg}): one request per http check`;
      spec.url = arg;
    } else if (/^-[qnvS]*O?-?$/.test(arg) && arg.length > 1) {
      // -q, -nv, -S, -qO-, -qO FILE …: the body is shown, never written to a file.
      if (arg.includes("S")) spec.includeHeaders = true;
      if (arg.endsWith("O")) take();
    } else if (arg === "--output-document") take();
    else if (arg === "--quiet" || arg === "--no-verbose" || arg === "-nv") continue;
    else if (arg === "--server-response") spec.includeHeaders = true;
    else if (arg === "--spider") spec.method = "HEAD";
    else if (arg === "--method") spec.method = take().toUpperCase();
    else if (arg === "--header") header(spec, take());
    else if (arg === "--post-data" || arg === "--body-data") {
      spec.body = take();
      if (arg === "--post-data") spec.method = "POST";
      if (!hasHeader(spec, "content-type")) spec.headers.push(["Content-Type", "application/x-www-form-urlencoded"]);
    } else if (arg === "-T" || arg === "--timeout") spec.timeoutMs = Math.round(Number(take()) * 1000) || null;
    else if (arg === "-t" || arg === "--tries") spec.notes.push(`${arg} ${take()}: ignored`);
    else if (arg === "--max-redirect") spec.followRedirects = take() !== "0";
    else if (arg === "--user" || arg === "--http-user") user = take();
    else if (arg === "--password" || arg === "--http-password") password = take();
    else if (arg === "--no-check-certificate") spec.notes.push(`${arg}: certificate verification stays on`);
    else return `unsupported wget option ${arg}`;
  }
  if (user !== null) spec.headers.push(["Authorization", basic(`${user}:${password}`)]);
  return null;
}

/** Parses one curl or wget command line (backslash continuations and comment lines allowed). */
export function parseHttpCommand(command: string, variables: Record<string, string>): ParsedHttp {
  const lines = command
    .replace(/\\\r?\n/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  if (lines.length !== 1) return { ok: false, error: `an http check runs exactly one curl or wget command (found ${lines.length} command lines)` };
  const argv = words(lines[0] ?? "", variables);
  if (typeof argv === "string") return { ok: false, error: argv };
  const [tool = "", ...args] = argv;
  const name = tool.split("/").pop() ?? "";
  if (name !== "curl" && name !== "wget") return { ok: false, error: `not a curl or wget command: ${tool}` };
  const spec = blank(name);
  const error = name === "curl" ? parseCurl(args, spec) : parseWget(args, spec);
  if (error) return { ok: false, error };
  if (!spec.url) return { ok: false, error: `no URL in the ${name} command` };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(spec.url)) spec.url = `http://${spec.url}`;
  try {
    const u = new URL(spec.url);
    if (u.protocol !== "http:" && u.protocol !== "https:") return { ok: false, error: `unsupported URL scheme ${u.protocol}` };
  } catch {
    return { ok: false, error: `not a valid URL: ${spec.url}` };
  }
  return { ok: true, spec };
}
