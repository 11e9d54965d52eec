import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHttp } from "./http";
import { parseHttpCommand } from "./http-command";
import { MASK } from "./mask-secrets";
import { testContext } from "./test-context";

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
const seen: Seen[] = [];
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const path = (req.url ?? "").split("?")[0];
      if (path === "/health") return void res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
      if (path === "/broken") return void res.writeHead(503).end("down for maintenance");
      if (path === "/big") return void res.writeHead(200).end("x".repeat(10_000));
      if (path === "/slow") return void setTimeout(() => res.writeHead(200).end("late"), 30_000).unref();
      if (path === "/moved") return void res.writeHead(302, { location: "/health" }).end();
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ method: req.method, body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const last = () => seen[seen.length - 1];

describe("parseHttpCommand", () => {
  it("reads method, URL, headers and body from curl, substituting variables only outside single quotes", () => {
    const parsed = parseHttpCommand(
      `curl -sS -X POST "$API/api/v1/auth/login" \\\n  -H "Content-Type: application/json" \\\n  -H "Authorization: Bearer \${TOKEN}" \\\n  -d '{"email": "a@b.c", "password": "$NOT_A_VAR"}'`,
      { API: "https://api.example.com", TOKEN: "t0k" },
    );
    expect(parsed).toEqual({
      ok: true,
      spec: expect.objectContaining({
        method: "POST",
        url: "https://api.example.com/api/v1/auth/login",
        headers: [["Content-Type", "application/json"], ["Authorization", "Bearer t0k"]],
        body: '{"email": "a@b.c", "password": "$NOT_A_VAR"}',
        failOnHttpError: false,
      }),
    });
  });

  it("understands combined flags, -G, -u and wget", () => {
    const curl = parseHttpCommand("curl -fsSL -XGET -G -d q=1 -u admin:pw localhost:8000/search", {});
    expect(curl.ok && curl.spec).toMatchObject({ method: "GET", url: "http://localhost:8000/search?q=1", failOnHttpError: true, followRedirects: true, body: null });
    expect(curl.ok && curl.spec.headers).toEqual([["Authorization", `Basic ${Buffer.from("admin:pw").toString("base64")}`]]);
    const wget = parseHttpCommand('wget -qO- --header="X-A: 1" --post-data="a=b" https://x.test/p', {});
    expect(wget.ok && wget.spec).toMatchObject({ method: "POST", url: "https://x.test/p", body: "a=b", failOnHttpError: true });
    const spaced = parseHttpCommand("wget -q -O - --timeout=5 -S http://h/x", {});
    expect(spaced.ok && spaced.spec).toMatchObject({ url: "http://h/x", timeoutMs: 5000, includeHeaders: true });
  });

  it("refuses what it cannot run faithfully", () => {
    const cases: [string, RegExp][] = [
      ["curl http://x | jq .", /shell syntax "\|"/],
      ["curl http://x > out.json", /shell syntax ">"/],
      ["curl -d @body.json http://x", /reading the body from a file/],
      ["curl $MISSING/health", /variable not set: MISSING/],
      ["curl --frobnicate http://x", /unsupported curl option --frobnicate/],
      ["curl http://a\ncurl http://b", /exactly one curl or wget command \(found 2/],
      ["curl ftp://x/file", /unsupported URL scheme ftp:/],
      ["ls /", /not a curl or wget command/],
    ];
    for (const [command, error] of cases) {
      const parsed = parseHttpCommand(command, {});
      expect(parsed.ok, command).toBe(false);
      if (!parsed.ok) expect(parsed.error, command).toMatch(error);
    }
  });
});

describe("runHttp against a loopback server", () => {
  it("records status and body, sends method/headers/body, substitutes $VARS as data", async () => {
    const c = testContext({ variables: { BASE: base, TOKEN: "secret-token-1" }, secrets: ["secret-token-1"] });
    const r = await runHttp(`curl -X POST "$BASE/echo" -H "Authorization: Bearer $TOKEN" --json '{"a":1}'`, c);
    expect(r.status).toBe("succeeded");
    expect(r.exitCode).toBe(0);
    expect(r.httpStatus).toBe(200);
    expect(JSON.parse(r.stdoutTail)).toEqual({ method: "POST", body: '{"a":1}' });
    expect(last()?.headers.authorization).toBe("Bearer secret-token-1");
    expect(last()?.headers["content-type"]).toBe("application/json");
    expect(c.text("info")).toContain(`POST ${base}/echo`);
    expect(JSON.stringify(c.chunks)).not.toContain("secret-token-1");
  });

  it("succeeds on HTTP errors like curl, but fails with -f", async () => {
    const plain = await runHttp(`curl ${base}/broken`, testContext());
    expect(plain).toMatchObject({ status: "succeeded", httpStatus: 503, stdoutTail: "down for maintenance" });
    const strict = await runHttp(`curl -f ${base}/broken`, testContext());
    expect(strict).toMatchObject({ status: "failed", exitCode: 1, httpStatus: 503 });
    expect(strict.error).toMatch(/HTTP 503/);
  });

  it("keeps only the first 4 KB of the body", async () => {
    const c = testContext();
    const r = await runHttp(`curl ${base}/big`, c);
    expect(r.stdoutTail).toHaveLength(4096);
    expect(c.text("info")).toContain("body cut after 4 KB");
  });

  it("does not follow redirects unless -L, and shows headers with -i", async () => {
    const no = await runHttp(`curl -i ${base}/moved`, testContext());
    expect(no.httpStatus).toBe(302);
    const c = testContext();
    const yes = await runHttp(`curl -sL -i ${base}/moved`, c);
    expect(yes.httpStatus).toBe(200);
    expect(c.text("stdout")).toMatch(/^HTTP 200 OK\n/);
    expect(c.text("stdout")).toContain("\ncontent-type: application/json\n");
  });

  it("times out, and honours curl's -m", async () => {
    const started = Date.now();
    const r = await runHttp(`curl ${base}/slow`, testContext({ timeoutMs: 800 }));
    expect(r.status).toBe("timed_out");
    expect(r.httpStatus).toBeNull();
    const m = await runHttp(`curl -m 0.5 ${base}/slow`, testContext({ timeoutMs: 60_000 }));
    expect(m.status).toBe("timed_out");
    expect(m.error).toMatch(/timed out after 500 ms/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("cancels an in-flight request", async () => {
    const c = testContext({ timeoutMs: 60_000 });
    setTimeout(() => c.controller.abort(), 300);
    const r = await runHttp(`curl ${base}/slow`, c);
    expect(r.status).toBe("cancelled");
  });

  it("reports a refused connection and masks URL passwords in errors", async () => {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const r = await runHttp(`curl http://user:hunter22@127.0.0.1:${port}/x`, testContext());
    expect(r.status).toBe("failed");
    expect(r.error).toBe(`request to 127.0.0.1:${port} failed: connection refused`);
    const bad = await runHttp("curl -d @/etc/passwd http://user:pw999@h/x", testContext());
    expect(bad.status).toBe("failed");
    expect(bad.error).toContain("reading the body from a file");
  });

  it("in a rehearsal sends only GET/HEAD checks", async () => {
    const before = seen.length;
    const post = await runHttp(`curl -X POST ${base}/echo -d a=b`, testContext({ mode: "rehearsal" }));
    expect(post.status).toBe("failed");
    expect(post.error).toContain("rehearsal");
    expect(seen.length).toBe(before);
    const get = await runHttp(`curl ${base}/health`, testContext({ mode: "rehearsal" }));
    expect(get).toMatchObject({ status: "succeeded", httpStatus: 200 });
  });

  it("masks credentials in the request line", async () => {
    const c = testContext();
    const r = await runHttp(`curl ${base.replace("http://", "http://ops:pa55word@")}/health`, c);
    expect(r.httpStatus).toBe(200);
    expect(last()?.headers.authorization).toBe(`Basic ${Buffer.from("ops:pa55word").toString("base64")}`);
    expect(c.text("info")).toContain(`http://ops:${MASK}@127.0.0.1`);
    expect(JSON.stringify(c.chunks)).not.toContain("pa55word");
  });
});
