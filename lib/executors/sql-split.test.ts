import { describe, expect, it } from "vitest";
import { splitSql } from "./sql-split";

const texts = (sql: string) => splitSql(sql).map((i) => `${i.kind}:${i.text}`);

describe("splitSql", () => {
  it("splits on semicolons outside strings, quoted identifiers, dollar quotes and comments", () => {
    expect(texts(`SELECT 'a;b' AS "x;y"; -- c;\nSELECT $tag$ ; $$ ; $tag$; /* ; */ SELECT 3`)).toEqual([
      `statement:SELECT 'a;b' AS "x;y"`,
      "statement:-- c;\nSELECT $tag$ ; $$ ; $tag$",
      "statement:/* ; */ SELECT 3",
    ]);
  });

  it("handles E'' strings with backslash-escaped quotes (which the splitter alone does not)", () => {
    expect(texts(`SELECT E'it\\'s; fine', 'plain\\'; SELECT e'\\\\'; SELECT 2`)).toEqual([
      `statement:SELECT E'it\\'s; fine', 'plain\\'`,
      `statement:SELECT e'\\\\'`,
      "statement:SELECT 2",
    ]);
    // An identifier ending in e before a quote is not an E string.
    expect(texts(`SELECT 1 FROM t WHERE name='x\\'; SELECT 2`)).toHaveLength(2);
  });

  it("keeps DO and function bodies whole", () => {
    const fn = `CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql`;
    expect(texts(`${fn};\nDO $$ BEGIN PERFORM 1; END $$;`)).toEqual([`statement:${fn}`, "statement:DO $$ BEGIN PERFORM 1; END $$"]);
  });

  it("cuts psql meta-commands out as their own items, up to the end of the line", () => {
    expect(splitSql("\\x\nSELECT 1\n\\dt users\nSELECT '\\not meta';")).toEqual([
      { kind: "meta", text: "\\x", line: 1 },
      { kind: "statement", text: "SELECT 1", line: 2 },
      { kind: "meta", text: "\\dt users", line: 3 },
      { kind: "statement", text: "SELECT '\\not meta'", line: 4 },
    ]);
    // A backslash in a comment is just comment text.
    expect(texts("SELECT 1 -- \\dt\n;")).toEqual(["statement:SELECT 1 -- \\dt"]);
  });

  it("drops comment-only pieces and reports the line where the code starts", () => {
    expect(splitSql("-- header\n\n/* note */\nSELECT 1;\n-- trailing; comment\n")).toEqual([
      { kind: "statement", text: "-- header\n\n/* note */\nSELECT 1", line: 4 },
    ]);
    expect(splitSql("  \n-- nothing\n")).toEqual([]);
  });
});
