import { describe, expect, it } from "vitest";
import { scanVariables } from "./variables";

describe("scanVariables", () => {
  it.each([
    ["pg_dump $DATABASE_URL > ${BACKUP_DIR}/x.dump", ["DATABASE_URL", "BACKUP_DIR"]],
    ["BACKUP_DIR=./b\nls $BACKUP_DIR", []],
    ["for i in $(seq 1 3); do echo $i; done", []],
    ["for t in a b; do psql -c \"select '$t'\" $URL; done", ["URL"]],
    ["X=$X-suffix", ["X"]],
    ["X=1; echo $X", []],
    ["echo $EPOCHREALTIME $RANDOM $HOME $1 $?", []],
    ["read -r NAME\necho $NAME", []],
    ["cp dump.sql <backup_dir>/", ["<backup_dir>"]],
  ])("%s → %j", (code, expected) => {
    expect(scanVariables(code)).toEqual(expected);
  });
});
