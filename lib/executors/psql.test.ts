import { describe, expect, it } from "vitest";
import { LineBuffer, TailBuffer } from "./output";
import { parsePsqlCommand, renderTable, sqlOptionsFor } from "./psql";
import { planMeta } from "./psql-meta";
import { parseNamePattern } from "./psql-pattern";

describe("psql flags", () => {
  it("reads the flags the seed runbooks use", () => {
    const inv = parsePsqlCommand(`psql \${DATABASE_URL} -t -A -v ON_ERROR_STOP=1 -c "SELECT COUNT(*) FROM t;"`);
    expect(inv).toMatchObject({ dbname: "$DATABASE_URL", tuplesOnly: true, unaligned: true, onErrorStop: true, commands: ["SELECT COUNT(*) FROM t;"] });
    expect(sqlOptionsFor(inv)).toEqual({ singleTransaction: true });
    const f = parsePsqlCommand("psql -h $DB_HOST -U $DB_USER -d $DB_NAME -f - -1 -At");
    expect(f).toMatchObject({ host: "$DB_HOST", user: "$DB_USER", dbname: "$DB_NAME", files: ["-"], singleTransaction: true, tuplesOnly: true, unaligned: true, unknown: [] });
  });

  it("renders result sets like psql", () => {
    expect(renderTable(["id", "name"], [["1", "alpha"], ["22", "b"]])).toBe(" id | name\n----+-------\n 1  | alpha\n 22 | b\n(2 rows)\n");
    expect(renderTable(["n"], [["7"]], { tuplesOnly: true, unaligned: true })).toBe("7\n");
  });
});

describe("psql meta-commands", () => {
  it("plans catalog queries with patterns as parameters, never spliced", () => {
    const plan = planMeta("\\dt public.user_*");
    expect(plan.kind).toBe("list");
    if (plan.kind === "list") {
      expect(plan.params).toEqual(["^(public)$", "^(user_.*)$"]);
      expect(plan.sql).not.toContain("user_");
    }
    expect(planMeta("\\d+ users")).toMatchObject({ kind: "describe", verbose: true, pattern: "users" });
    expect(planMeta("\\dtS")).toMatchObject({ kind: "list" });
    expect(planMeta("\\x on")).toMatchObject({ kind: "ack" });
    expect(planMeta("\\set ON_ERROR_STOP 1")).toMatchObject({ kind: "ack" });
    expect(planMeta("\\set foo bar")).toMatchObject({ kind: "unsupported" });
    expect(planMeta("\\! rm -rf /")).toMatchObject({ kind: "unsupported" });
    expect(planMeta("\\c otherdb")).toMatchObject({ kind: "unsupported" });
  });

  it("follows psql's pattern rules", () => {
    expect(parseNamePattern("Users")).toEqual({ schema: null, name: "^(users)$" });
    expect(parseNamePattern('"Users"')).toEqual({ schema: null, name: "^(Users)$" });
    expect(parseNamePattern("s.t?x")).toEqual({ schema: "^(s)$", name: "^(t.x)$" });
    expect(parseNamePattern('"a.b"')).toEqual({ schema: null, name: "^(a\\.b)$" });
  });
});

describe("line and tail buffers", () => {
  it("emits whole lines only, across chunk and UTF-8 boundaries", () => {
    const out: string[] = [];
    const b = new LineBuffer((t) => out.push(t));
    const bytes = Buffer.from("ab\ncé\r\nlast");
    b.push(bytes.subarray(0, 5)); // "ab\nc" + first byte of é
    b.push(bytes.subarray(5));
    b.flush();
    expect(out).toEqual(["ab\n", "cé\n", "last\n"]);
  });

  it("keeps only the tail", () => {
    const t = new TailBuffer(5);
    t.append("abc");
    t.append("defg");
    expect(t.text).toBe("cdefg");
  });
});
