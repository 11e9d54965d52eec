import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MASK } from "./mask-secrets";
import { runShell } from "./shell";
import { libpqVariables } from "./shell-env";
import { testContext } from "./test-context";

// A process counts as gone when kill(pid, 0) fails or it is only a zombie awaiting its reaper.
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

const pids = (text: string) => [...text.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]));

describe("runShell: output", () => {
  it("streams stdout and stderr line by line, in order, while the command runs", async () => {
    const c = testContext({ timeoutMs: 15_000 });
    // The command only continues once the test has seen its first line: output must arrive live.
    const emit = c.emit;
    c.emit = (chunk) => {
      emit(chunk);
      if (chunk.stream === "stdout" && chunk.text.includes("ready")) fs.writeFileSync(path.join(c.workspace, "go"), "");
    };
    const r = await runShell(
      `echo ready; while [ ! -f go ]; do sleep 0.05; done; echo "to err" >&2; sleep 0.2; echo done`,
      c,
    );
    expect(r.status).toBe("succeeded");
    expect(r.exitCode).toBe(0);
    const streams = c.chunks.filter((x) => x.stream !== "info").map((x) => (x.stream === "table" ? "" : `${x.stream}:${x.text}`));
    expect(streams).toEqual(["stdout:ready\n", "stderr:to err\n", "stdout:done\n"]);
    expect(r.stdoutTail).toBe("ready\ndone\n");
  });

  it("joins partial lines across chunks, decodes UTF-8 split between writes, flushes the last line", async () => {
    const c = testContext();
    const r = await runShell(`printf 'abc'; sleep 0.2; printf 'def\\ncaf\\xc3'; sleep 0.2; printf '\\xa9\\nno newline at end'`, c);
    expect(r.status).toBe("succeeded");
    const stdout = c.chunks.filter((x) => x.stream === "stdout");
    expect(stdout.every((x) => x.stream === "stdout" && x.text.endsWith("\n"))).toBe(true);
    expect(c.text("stdout")).toBe("abcdef\ncafé\nno newline at end\n");
  });

  it("records exit codes and fails on non-zero", async () => {
    const c = testContext();
    const r = await runShell("echo before; exit 3", c);
    expect(r.status).toBe("failed");
    expect(r.exitCode).toBe(3);
    expect(r.error).toBe("exited with code 3");
    expect(c.text("stdout")).toBe("before\n");
    const missing = await runShell("definitely-not-a-command-xyz", testContext());
    expect(missing.exitCode).toBe(127);
  });

  it("runs in the workspace with HOME there", async () => {
    const c = testContext();
    const r = await runShell(`pwd; echo "$HOME"; touch made-here`, c);
    const real = fs.realpathSync(c.workspace);
    expect(r.stdoutTail).toBe(`${real}\n${c.workspace}\n`);
    expect(fs.existsSync(path.join(c.workspace, "made-here"))).toBe(true);
  });
});

describe("runShell: environment and injection", () => {
  const saved = process.env.SECRET_PARENT;
  beforeAll(() => {
    process.env.SECRET_PARENT = "x-parent-value";
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.SECRET_PARENT;
    else process.env.SECRET_PARENT = saved;
  });

  it("passes only PATH, HOME, LANG, the variables and the target's libpq variables", async () => {
    const c = testContext({
      variables: { BACKUP_DIR: "/backups/x", "BAD-NAME": "v", PATH: "/evil" },
      targetUrl: "postgres://deploy:pa%40ss@db.internal:6543/app",
    });
    const r = await runShell("env | cut -d= -f1 | sort", c);
    expect(r.stdoutTail.trim().split("\n")).toEqual(
      ["BACKUP_DIR", "DATABASE_URL", "HOME", "LANG", "PATH", "PGDATABASE", "PGHOST", "PGPASSWORD", "PGPORT", "PGUSER", "PWD", "SHLVL", "_"].sort(),
    );
    expect(c.text("info")).toContain("BAD-NAME (not a valid environment variable name)");
    expect(c.text("info")).toContain("PATH (set by the executor)");
    const values = await runShell('echo "$PGHOST:$PGPORT/$PGDATABASE as $PGUSER pw=$PGPASSWORD"; echo "parent=${SECRET_PARENT:-absent}"', testContext({ targetUrl: "postgres://deploy:pa%40ss@db.internal:6543/app" }));
    expect(values.stdoutTail).toBe(`db.internal:6543/app as deploy pw=${MASK}\nparent=absent\n`);
  });

  it("passes hostile variable values through as data, never as code", async () => {
    const c = testContext({
      variables: { EVIL: "; touch pwned1 #", EVIL2: "$(touch pwned2)", EVIL3: "`touch pwned3`", EVIL4: "'; rm -rf / #" },
    });
    const r = await runShell('echo "$EVIL"; echo "$EVIL2"; echo $EVIL3; echo "$EVIL4"', c);
    expect(r.status).toBe("succeeded");
    expect(r.stdoutTail).toBe("; touch pwned1 #\n$(touch pwned2)\n`touch pwned3`\n'; rm -rf / #\n");
    for (const f of ["pwned1", "pwned2", "pwned3"]) expect(fs.existsSync(path.join(c.workspace, f))).toBe(false);
  });

  it("masks secrets and the target password in output and errors", async () => {
    const c = testContext({ secrets: ["tok-123456"], targetUrl: "postgres://u:dbpass99@h:5432/d" });
    const r = await runShell('echo "token tok-123456 url $DATABASE_URL"; echo "$PGPASSWORD" >&2; exit 4', c);
    expect(c.text("stdout")).toBe(`token ${MASK} url postgres://u:${MASK}@h:5432/d\n`);
    expect(c.text("stderr")).toBe(`${MASK}\n`);
    expect(JSON.stringify(c.chunks)).not.toMatch(/tok-123456|dbpass99/);
    expect(r.stdoutTail).not.toContain("tok-123456");
  });

  it("derives libpq variables from URLs, including socket hosts and sslmode", () => {
    expect(libpqVariables("postgresql://a:b%2Fc@[::1]:5433/db?sslmode=require")).toEqual({
      DATABASE_URL: "postgresql://a:b%2Fc@[::1]:5433/db?sslmode=require",
      PGHOST: "::1",
      PGPORT: "5433",
      PGUSER: "a",
      PGPASSWORD: "b/c",
      PGDATABASE: "db",
      PGSSLMODE: "require",
    });
    expect(libpqVariables("postgres:///db?host=/var/run/postgresql").PGHOST).toBe("/var/run/postgresql");
  });
});

describe("runShell: timeout and cancel stop the whole process group", () => {
  it("times out and kills the shell's children", async () => {
    const c = testContext({ timeoutMs: 1000 });
    const r = await runShell("sleep 300 & echo pid=$!; sleep 300 & echo pid=$!; wait", c);
    expect(r.status).toBe("timed_out");
    const children = pids(c.text("stdout"));
    expect(children).toHaveLength(2);
    for (const pid of children) expect(alive(pid)).toBe(false);
  });

  it("escalates to SIGKILL when the group ignores SIGTERM", async () => {
    const c = testContext({ timeoutMs: 800 });
    const r = await runShell(`trap '' TERM; sleep 300 & echo pid=$!; wait; wait`, c);
    expect(r.status).toBe("timed_out");
    expect(c.text("info")).toContain("killed (SIGKILL)");
    const [pid] = pids(c.text("stdout"));
    expect(pid).toBeDefined();
    expect(alive(pid ?? 0)).toBe(false);
  });

  it("cancels on abort", async () => {
    const c = testContext({ timeoutMs: 60_000 });
    const emit = c.emit;
    c.emit = (chunk) => {
      emit(chunk);
      if (chunk.stream === "stdout" && chunk.text.includes("pid=")) c.controller.abort();
    };
    const r = await runShell("sleep 300 & echo pid=$!; wait", c);
    expect(r.status).toBe("cancelled");
    expect(r.error).toContain("cancelled");
    const [pid] = pids(c.text("stdout"));
    expect(alive(pid ?? 0)).toBe(false);
  });

  it("stops background processes a finished command leaves behind", async () => {
    const c = testContext();
    const r = await runShell("sleep 300 >/dev/null 2>&1 & echo pid=$!", c);
    expect(r.status).toBe("succeeded");
    const [pid] = pids(c.text("stdout"));
    expect(alive(pid ?? 0)).toBe(false);
    expect(c.text("info")).toContain("processes the command left running were stopped");
  });

  it("does not run in a rehearsal (only SQL can be rolled back)", async () => {
    const c = testContext({ mode: "rehearsal" });
    const r = await runShell("touch started", c);
    expect(r.status).toBe("failed");
    expect(r.error).toContain("rehearsal");
    expect(fs.existsSync(path.join(c.workspace, "started"))).toBe(false);
  });

  it("does not start when already cancelled", async () => {
    const c = testContext();
    c.controller.abort();
    const r = await runShell("touch started", c);
    expect(r.status).toBe("cancelled");
    expect(fs.existsSync(path.join(c.workspace, "started"))).toBe(false);
  });
});
