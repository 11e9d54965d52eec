import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { postgreSplitterOptions, splitQuery } from "dbgate-query-splitter";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropDatabase, withDatabase } from "@/lib/services/pg-admin";
import { resetSandbox } from "./seed";

// Runs the SQL of the seed runbooks (../shared/runbooks) against the sandbox: every ```sql fence
// and the SQL of every `psql … -c "…"` and `psql … <<EOF` heredoc. Read-only statements must run
// on the shared sandbox; blocks that write run in a transaction that is rolled back, on a private
// copy so that their locks never stall other test files.

const SEEDS_DIR = path.resolve(process.cwd(), "../shared/runbooks");

type Origin = "sql fence" | "psql -c" | "psql heredoc";
interface Block {
  file: string;
  origin: Origin;
  sql: string;
}
interface Statement {
  file: string;
  origin: Origin;
  text: string; // as split, comments included
  key: string; // comment-free, whitespace-collapsed, for matching and messages
}

/** Read-only statements that must FAIL, with the error they must fail with and why. */
const EXPECTED_FAILURES: Array<{ key: string; error: RegExp; reason: string }> = [
  ...[
    "SELECT id, email, created_at FROM users WHERE id = 1",
    "SELECT u.email, j.title, j.created_at FROM users u JOIN journals j ON u.id = j.user_id WHERE u.id = 1",
    "EXPLAIN ANALYZE SELECT * FROM users WHERE id = 1",
  ].map((key) => ({
    key,
    error: /operator does not exist: uuid = integer/,
    reason:
      "seed 002 post-rollback check: compares ids with an integer, which works only once the rollback has " +
      "restored integer keys; the sandbox holds the pre-rollback UUID schema",
  })),
  {
    key: "SELECT query, calls, total_time, mean_time FROM pg_stat_statements ORDER BY total_time DESC LIMIT 10",
    error: /column "total_time" does not exist/,
    reason: "seed 002 bug: PostgreSQL 13 renamed total_time/mean_time to total_exec_time/mean_exec_time",
  },
  {
    key: "SELECT version FROM alembic_version",
    error: /column "version" does not exist/,
    reason: "seed 003 bug: Alembic's table has version_num, not version (fails on any Alembic database)",
  },
  ...[
    "SELECT polname FROM pg_policies WHERE tablename='memory_chunks'",
    "SELECT polname, poltype FROM pg_policies WHERE tablename='memory_chunks'",
  ].map((key) => ({
    key,
    error: /column "polname" does not exist/,
    reason: "seed 003 bug: the pg_policies view has policyname; polname is a column of the pg_policy catalog",
  })),
];

/** Statements of write blocks that must fail (the rest of their block is then not run). */
const EXPECTED_WRITE_FAILURES: Array<{ key: string; error: RegExp; reason: string }> = [
  {
    key: "DROP TYPE applicationtype",
    error: /column application of table user_application_access_backup depends on type applicationtype/,
    reason:
      "seed 000 bug (Appendix A): the backup table it creates first (CREATE TABLE … AS SELECT *) has a column " +
      "of type applicationtype, so the type cannot be dropped; the whole downgrade transaction fails",
  },
];

/** Statements of write blocks that are not run at all, and why. */
const SKIPPED_WRITES: Array<{ key: RegExp; reason: string }> = [
  {
    key: /^(DROP|CREATE) DATABASE vibes_prod$/,
    reason: "seed 002 full restore: acts on another database and cannot run inside a transaction",
  },
];

/** The server's message plus its DETAIL line, which is where Postgres names the dependent object. */
function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const detail = "detail" in e && typeof e.detail === "string" ? `\n  ${e.detail}` : "";
  return e.message + detail;
}

function unindent(body: string, indent: string): string {
  return body
    .split("\n")
    .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
    .join("\n");
}

function unescapeDoubleQuoted(s: string): string {
  return s.replace(/\\(["\\$`])/g, "$1");
}

function extractBlocks(file: string, markdown: string): Block[] {
  const blocks: Block[] = [];
  const fence = /^([ \t]*)```([\w-]*)[^\n]*\n([\s\S]*?)^\1```/gm;
  for (const m of markdown.matchAll(fence)) {
    const lang = (m[2] ?? "").toLowerCase();
    const body = unindent(m[3] ?? "", m[1] ?? "");
    if (lang === "sql") {
      // A fence may open with the shell line that connects ("psql -h … -d …"): not SQL.
      const sql = body
        .split("\n")
        .filter((l) => !/^\s*psql\b/.test(l))
        .join("\n");
      blocks.push({ file, origin: "sql fence", sql });
    } else if (lang === "bash" || lang === "sh" || lang === "shell" || lang === "") {
      for (const c of body.matchAll(/\bpsql\b[^\n]*?\s-c\s+(?:"((?:[^"\\]|\\.)*)"|'([^']*)')/g)) {
        const sql = c[1] !== undefined ? unescapeDoubleQuoted(c[1]) : (c[2] ?? "");
        blocks.push({ file, origin: "psql -c", sql });
      }
      for (const h of body.matchAll(/\bpsql\b[^\n]*?<<-?\s*(['"]?)(\w+)\1[^\n]*\n([\s\S]*?)\n[ \t]*\2[ \t]*$/gm)) {
        blocks.push({ file, origin: "psql heredoc", sql: h[3] ?? "" });
      }
    }
  }
  return blocks;
}

function keyOf(text: string): string {
  return text
    .split("\n")
    .filter((l) => !/^\s*--/.test(l))
    .join(" ")
    .replace(/\s+/g, " ")
    .replace(/;\s*$/, "")
    .trim();
}

function statementsOf(block: Block): Statement[] {
  const parts = splitQuery(block.sql, postgreSplitterOptions).map((p) => (typeof p === "string" ? p : p.text));
  return parts
    .map((text) => ({ file: block.file, origin: block.origin, text, key: keyOf(text) }))
    .filter((s) => s.key !== "");
}

function kindOf(key: string): "read" | "meta" | "tx" | "write" {
  if (key.startsWith("\\")) return "meta";
  const word = (/^[A-Za-z]+/.exec(key)?.[0] ?? "").toUpperCase();
  if (["SELECT", "WITH", "SHOW", "EXPLAIN", "TABLE", "VALUES"].includes(word)) return "read";
  if (["BEGIN", "START", "COMMIT", "END", "ROLLBACK"].includes(word)) return "tx";
  return "write";
}

// The seeds are the primary fixtures: their absence is a failure, never a silent skip.
if (!existsSync(SEEDS_DIR)) throw new Error(`Seed runbooks not found at ${SEEDS_DIR} (expected ../shared/runbooks beside the repo)`);
const seedFiles = readdirSync(SEEDS_DIR).filter((f) => f.endsWith(".md")).sort();
const blocks = seedFiles.flatMap((f) => extractBlocks(f, readFileSync(path.join(SEEDS_DIR, f), "utf8")));
const statements = blocks.flatMap(statementsOf);

function sandboxUrl(): string {
  const url = process.env.SANDBOX_DATABASE_URL;
  if (!url) throw new Error("SANDBOX_DATABASE_URL is not set (vitest global setup seeds it)");
  return url;
}

describe("seed runbook SQL against the sandbox", () => {
  it("finds SQL in every seed runbook", () => {
    expect(seedFiles).toHaveLength(5);
    // 001 is an implementation summary whose commands are scripts, not SQL; the other four carry SQL.
    const withReads = seedFiles.filter((file) => statements.some((s) => s.file === file && kindOf(s.key) === "read"));
    expect(withReads.map((f) => f.slice(0, 3))).toEqual(["000", "002", "003", "004"]);
    expect(statements.filter((s) => kindOf(s.key) === "read").length).toBeGreaterThanOrEqual(30);
  });

  it("runs every read-only statement (in a read-only transaction); only the listed ones fail, as listed", async () => {
    const client = new pg.Client({ connectionString: sandboxUrl() });
    await client.connect();
    const problems: string[] = [];
    const failedAsExpected = new Set<string>();
    try {
      for (const s of statements.filter((st) => kindOf(st.key) === "read")) {
        const expected = EXPECTED_FAILURES.find((f) => f.key === s.key);
        await client.query("BEGIN READ ONLY");
        let error: string | null = null;
        try {
          await client.query(s.text);
        } catch (e) {
          error = errorText(e);
        } finally {
          await client.query("ROLLBACK");
        }
        const where = `${s.file} (${s.origin}): ${s.key}`;
        if (expected && error === null) problems.push(`expected to fail but ran: ${where}`);
        else if (expected && error !== null && !expected.error.test(error)) problems.push(`${where}\n  → ${error}`);
        else if (expected) failedAsExpected.add(s.key);
        else if (error !== null) problems.push(`${where}\n  → ${error}`);
      }
    } finally {
      await client.end();
    }
    expect(problems, problems.join("\n")).toEqual([]);
    // The list must not go stale: every entry names a statement that is still in the seeds.
    expect([...failedAsExpected].sort()).toEqual([...new Set(EXPECTED_FAILURES.map((f) => f.key))].sort());
  });

  it("finds every relation that a psql meta-command (\\d, \\dt) describes", async () => {
    const names = statements
      .filter((s) => kindOf(s.key) === "meta")
      .map((s) => /^\\dt?\+?\s+(\w+)$/.exec(s.key)?.[1])
      .filter((n): n is string => n !== undefined);
    expect(names.length).toBeGreaterThanOrEqual(4);
    const client = new pg.Client({ connectionString: sandboxUrl() });
    await client.connect();
    try {
      const found = await client.query<{ name: string; oid: string | null }>(
        "SELECT n AS name, to_regclass(n)::text AS oid FROM unnest($1::text[]) AS n",
        [names],
      );
      expect(found.rows.filter((r) => r.oid === null).map((r) => r.name)).toEqual([]);
    } finally {
      await client.end();
    }
  });

  describe("blocks that write (each in a transaction that is rolled back)", () => {
    const dbName = `sandbox_runbooks_${process.pid}`;
    let url = "";
    let admin = "";

    beforeAll(async () => {
      admin = process.env.TEST_ADMIN_DATABASE_URL ?? "";
      if (!admin) throw new Error("TEST_ADMIN_DATABASE_URL is not set");
      await resetSandbox(admin, dbName);
      url = withDatabase(admin, dbName);
    });
    afterAll(async () => {
      if (admin) await dropDatabase(admin, dbName);
    });

    it("runs every write block as written, except the listed statements", async () => {
      const writeBlocks = blocks
        .map((b) => ({ block: b, stmts: statementsOf(b) }))
        .filter(({ stmts }) => stmts.some((s) => kindOf(s.key) === "write"));
      expect(writeBlocks.length).toBeGreaterThanOrEqual(6);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const problems: string[] = [];
      const failedAsExpected = new Set<string>();
      let executed = 0;
      try {
        for (const { block, stmts } of writeBlocks) {
          await client.query("BEGIN");
          try {
            for (const s of stmts) {
              if (kindOf(s.key) === "tx" || SKIPPED_WRITES.some((k) => k.key.test(s.key))) continue;
              const expected = EXPECTED_WRITE_FAILURES.find((f) => f.key === s.key);
              const where = `${block.file} (${block.origin}): ${s.key}`;
              try {
                await client.query(s.text);
                executed++;
                if (expected) problems.push(`expected to fail but ran: ${where}`);
              } catch (e) {
                const message = errorText(e);
                if (!expected || !expected.error.test(message)) problems.push(`${where}\n  → ${message}`);
                else failedAsExpected.add(s.key);
                break;
              }
            }
          } finally {
            await client.query("ROLLBACK");
          }
        }
        // Rolled back: the data is as seeded.
        const flag = await client.query<{ enabled: boolean }>(
          "SELECT enabled FROM feature_flags WHERE flag_name = 'bi_directional_sync'",
        );
        expect(flag.rows).toEqual([{ enabled: true }]);
      } finally {
        await client.end();
      }
      expect(problems, problems.join("\n")).toEqual([]);
      expect([...failedAsExpected]).toEqual(EXPECTED_WRITE_FAILURES.map((f) => f.key));
      expect(executed).toBeGreaterThanOrEqual(20);
    });

    it("lets seed 000's manual downgrade revert the enum to lowercase once no backup table pins the type", async () => {
      const appendix = blocks.find((b) => b.origin === "sql fence" && /DROP TYPE applicationtype/.test(b.sql));
      if (!appendix) throw new Error("seed 000 Appendix A (manual downgrade SQL) not found");
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query("BEGIN");
        // Everything but the backup copy, whose enum-typed column is what blocks DROP TYPE (see above):
        // nothing in the sandbox's own schema depends on the type.
        for (const s of statementsOf(appendix)) {
          if (kindOf(s.key) === "tx" || s.key.startsWith("CREATE TABLE user_application_access_backup")) continue;
          await client.query(s.text);
        }
        const labels = await client.query<{ l: string }>(
          "SELECT enumlabel AS l FROM pg_enum WHERE enumtypid = 'applicationtype'::regtype ORDER BY enumsortorder",
        );
        expect(labels.rows.map((r) => r.l)).toEqual(["market_edge", "causal_edge", "value_edge"]);
        const values = await client.query<{ application: string }>(
          "SELECT DISTINCT application::text FROM user_application_access ORDER BY 1",
        );
        expect(values.rows.map((r) => r.application)).toEqual(["causal_edge", "market_edge", "value_edge"]);
        await client.query("ROLLBACK");
      } finally {
        await client.end();
      }
    });
  });
});
