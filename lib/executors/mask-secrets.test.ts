import { describe, expect, it } from "vitest";
import { MASK, maskChunk, maskSecrets, secretsFor } from "./mask-secrets";

describe("maskSecrets", () => {
  it("masks every occurrence of each secret and its URL-encoded form", () => {
    expect(maskSecrets("a p@ss/word b p@ss/word", ["p@ss/word"])).toBe(`a ${MASK} b ${MASK}`);
    expect(maskSecrets("url=postgres://u:p%40ss%2Fword@h/db", ["p@ss/word"])).toBe(`url=postgres://u:${MASK}@h/db`);
    expect(maskSecrets("x", [""])).toBe("x");
  });

  it("masks the longer secret whole when one secret contains another", () => {
    expect(maskSecrets("token abc123xyz", ["abc", "abc123xyz"])).toBe(`token ${MASK}`);
  });

  it("masks passwords in any URL even when not listed", () => {
    expect(maskSecrets("postgres://deploy:hunter2@db:5432/app and postgresql://a:b@c/d", [])).toBe(
      `postgres://deploy:${MASK}@db:5432/app and postgresql://a:${MASK}@c/d`,
    );
    expect(maskSecrets("redis://:s3cret@cache:6379", [])).toBe(`redis://:${MASK}@cache:6379`);
    // No password, or not a URL: untouched.
    expect(maskSecrets("postgres://deploy@db/app https://host:8080/path a@b.c", [])).toBe("postgres://deploy@db/app https://host:8080/path a@b.c");
  });

  it("adds the target password to the secrets", () => {
    expect(secretsFor(["k"], "postgres://u:p%2Fw@h/d")).toEqual(["k", "p/w"]);
    expect(secretsFor([], null)).toEqual([]);
  });

  it("masks every part of a table chunk", () => {
    const chunk = maskChunk({ stream: "table", columns: ["s3cr"], rows: [["x s3cr y"]], rowCount: 1, truncated: false, command: "SELECT 's3cr'" }, ["s3cr"]);
    expect(JSON.stringify(chunk)).not.toContain("s3cr");
    expect(chunk).toMatchObject({ columns: [MASK], rows: [[`x ${MASK} y`]], command: `SELECT '${MASK}'` });
  });
});
