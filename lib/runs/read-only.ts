import { splitSql } from "@/lib/executors/sql-split";
import { codeOf } from "@/lib/executors/sql-statements";

// "Verification queries run read-only": a SQL command made only of reads runs under
// SET TRANSACTION READ ONLY, so a mislabelled verification can never change the target.
// Anything that may write (DML, DDL, SELECT … INTO, data-modifying CTEs, writer functions) runs normally.
const READ = /^(SELECT|WITH|SHOW|EXPLAIN|VALUES|TABLE)\b/i;
const WRITES = [
  /^SELECT\b[\s\S]*\bINTO\s+(TEMP|TEMPORARY|UNLOGGED|TABLE\s+)?\s*[A-Za-z_"]/i,
  /^WITH\b[\s\S]*\b(INSERT|UPDATE|DELETE|MERGE)\b/i,
  /^EXPLAIN\b[\s\S]*\bANALY[SZ]E\b/i,
  /\b(nextval|setval|pg_terminate_backend|pg_cancel_backend|pg_advisory_lock|lo_\w+|dblink\w*)\s*\(/i,
];

export function isReadOnlySql(sql: string): boolean {
  const items = splitSql(sql);
  if (items.length === 0) return false;
  return items.every((item) => {
    if (item.kind === "meta") return true;
    const code = codeOf(item.text);
    return READ.test(code) && !WRITES.some((re) => re.test(code));
  });
}
