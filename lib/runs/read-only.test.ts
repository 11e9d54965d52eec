import { describe, expect, it } from "vitest";
import { isReadOnlySql } from "./read-only";

describe("isReadOnlySql", () => {
  it.each([
    ["SELECT 1;", true],
    ["-- check\nSELECT count(*) FROM users;\nSHOW server_version;", true],
    ["WITH x AS (SELECT 1) SELECT * FROM x", true],
    ["\\dt\nSELECT 1;", true],
    ["EXPLAIN SELECT 1", true],
    ["EXPLAIN ANALYZE DELETE FROM t", false],
    ["SELECT * INTO backup_t FROM t", false],
    ["WITH d AS (DELETE FROM t RETURNING *) SELECT count(*) FROM d", false],
    ["SELECT setval('s', 1)", false],
    ["SELECT 1; UPDATE t SET a = 1;", false],
    ["INSERT INTO t VALUES (1)", false],
    ["CREATE TABLE IF NOT EXISTS t (id int)", false],
    ["BEGIN; SELECT 1; COMMIT;", false],
    ["", false],
  ])("%s → %s", (sql, expected) => {
    expect(isReadOnlySql(sql)).toBe(expected);
  });
});
