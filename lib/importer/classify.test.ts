import { describe, expect, it } from "vitest";
import { classifyShellCommand } from "./classify-command";
import { splitShell } from "./shell-split";
import { isDestructiveSql } from "./sql-statements";
import type { Executor } from "./types";

// A labelled list of real-world commands and statements: expected executor and destructive flag.
// Decisions worth knowing: INSERT counts as destructive (it writes production data); plain CREATE
// does not; restarts are recovery, not destruction; pg_restore into a database is destructive;
// migration tools that change schema (upgrade as well as downgrade) are destructive.
const SHELL: [string, Executor, boolean][] = [
  ["alembic downgrade -1", "shell", true],
  ["alembic upgrade +1", "shell", true],
  ["alembic current", "shell", false],
  ["python -m alembic history -v", "shell", false],
  ["python -m alembic downgrade base", "shell", true],
  ['psql $DATABASE_URL -c "SELECT COUNT(*) FROM users;"', "sql", false],
  ['psql ${DATABASE_URL} -c "DROP TABLE users;"', "sql", true],
  ['psql -h $DB_HOST -U $DB_USER -d $DB_NAME -c "DELETE FROM sessions WHERE expired"', "sql", true],
  ['psql $DATABASE_URL -c "\\dt memory_chunks"', "shell", false],
  ["psql $DATABASE_URL -c \"UPDATE feature_flags SET enabled = false WHERE flag_name = 'sync';\"", "sql", true],
  ["psql $DATABASE_URL <<EOF\nSELECT 1;\nEOF", "sql", false],
  ["psql $DATABASE_URL <<'EOF'\nTRUNCATE audit_log;\nEOF", "sql", true],
  ["psql $DATABASE_URL -f - << 'EOF'\nDROP INDEX IF EXISTS idx;\nEOF", "sql", true],
  ["psql $DATABASE_URL < backend/migrations/down.sql", "shell", true],
  ["psql STAGING_URL < scripts/explain_indexes.sql", "shell", false],
  ['psql $DATABASE_URL -c "SELECT 1" || echo "failed"', "shell", false],
  ['COUNT=$(psql $DATABASE_URL -t -c "SELECT COUNT(*) FROM t;")', "shell", false],
  ['psql $DATABASE_URL -c "EXPLAIN ANALYZE SELECT * FROM users"', "sql", false],
  ['psql $DATABASE_URL -c "EXPLAIN ANALYZE DELETE FROM users"', "sql", true],
  ["pg_dump $DATABASE_URL > backup.sql", "backup", false],
  ["pg_dump -Fc -f /backups/db.dump $DATABASE_URL", "backup", false],
  ["pg_dumpall > all.sql", "backup", false],
  ["pg_restore -h $DB_HOST -d $DB_NAME -c backup.dump", "restore", true],
  ["pg_restore --clean --dbname=$DATABASE_URL backup.dump", "restore", true],
  ["pg_restore -d vibes_prod -t users backup.dump", "restore", true],
  ["pg_restore -l backup.dump", "restore", false],
  ["curl -f http://localhost:8000/health", "http", false],
  ["curl -X POST https://status.example.com/api/incidents -d status=investigating", "http", false],
  ["curl -X DELETE https://api.example.com/cache", "http", true],
  ["wget -qO- https://example.com/health", "http", false],
  ["curl -s http://localhost/health | jq", "shell", false],
  ["dropdb $DATABASE_NAME", "shell", true],
  ["createdb $DATABASE_NAME", "shell", false],
  ["rm -rf /tmp/rollback", "shell", true],
  ["sudo rm /var/run/app.pid", "shell", true],
  ["git checkout v3.0.0", "shell", true],
  ["git checkout HEAD~1 -- config/", "shell", true],
  ["git reset --hard origin/main", "shell", true],
  ["git log --oneline -5", "shell", false],
  ['git tag -l "v*" | tail -5', "shell", false],
  ["npx prisma migrate resolve --rolled-back 2025_sync", "shell", true],
  ["npx prisma migrate reset --force", "shell", true],
  ["npx prisma migrate status", "shell", false],
  ["kill -9 1234", "shell", true],
  ["pkill -f worker", "shell", true],
  ["pm2 stop pems-write-sync-worker", "shell", true],
  ["pm2 delete api", "shell", true],
  ["pm2 restart api", "shell", false],
  ["pm2 list | grep api", "shell", false],
  ["systemctl stop relay-api", "shell", true],
  ["systemctl start relay-api", "shell", false],
  ["aws s3 sync dist/ s3://bucket/ --delete", "shell", true],
  ["aws s3 ls s3://backups/", "shell", false],
  ["aws s3 rm s3://bucket/key", "shell", true],
  ["aws rds delete-db-instance --db-instance-identifier prod", "shell", true],
  ["kubectl delete pod api-0", "shell", true],
  ["kubectl rollout undo deployment/api", "shell", true],
  ["kubectl get pods", "shell", false],
  ["docker compose down", "shell", true],
  ["helm rollback api 3", "shell", true],
  ["terraform destroy", "shell", true],
  ["redis-cli FLUSHALL", "shell", true],
  ["./scripts/stop.sh", "shell", true],
  ["./scripts/start.sh", "shell", false],
  ["./scripts/backup/restore_enum_migration.sh ${BACKUP_DIR}", "shell", true],
  ["./scripts/backup/backup_enum_migration.sh", "shell", false],
  ["npm run db:rollback", "shell", true],
  ["npm ci", "shell", false],
  ["tail -f /var/log/app.log", "manual", false],
  ["watch -n 30 'curl -s http://localhost/health'", "manual", false],
  ["pm2 logs api --err --lines 50", "manual", false],
  ["open https://manage.auth0.com/dashboard/", "manual", false],
  ["find /backups -mtime +7 -delete", "shell", true],
  ["echo done >> /var/log/rollback.log", "shell", false],
  ["export DATABASE_URL=postgresql://x", "shell", false],
  ["mysql -e \"DELETE FROM t\" prod", "shell", true],
];

const SQL: [string, boolean][] = [
  ["SELECT * FROM users", false],
  ["select count(*) from users where id = 1", false],
  ["SHOW search_path", false],
  ["EXPLAIN SELECT * FROM users", false],
  ["EXPLAIN (ANALYZE, BUFFERS) UPDATE users SET a = 1", true],
  ["DROP TABLE IF EXISTS users CASCADE", true],
  ["ALTER TABLE t DISABLE ROW LEVEL SECURITY", true],
  ["TRUNCATE audit_log", true],
  ["DELETE FROM sessions", true],
  ["UPDATE users SET application = LOWER(application)", true],
  ["INSERT INTO payments SELECT * FROM staging", true],
  ["CREATE TABLE backup AS SELECT * FROM users", false],
  ["CREATE INDEX CONCURRENTLY idx ON users(email)", false],
  ["CREATE OR REPLACE VIEW v AS SELECT 1", true],
  ["BEGIN", false],
  ["COMMIT", false],
  ["ROLLBACK", false],
  ["SET statement_timeout = '5s'", false],
  ["REVOKE ALL ON users FROM app", true],
  ["GRANT SELECT ON users TO readonly", true],
  ["SELECT pg_terminate_backend(pid) FROM pg_stat_activity", true],
  ["WITH gone AS (DELETE FROM t RETURNING *) SELECT count(*) FROM gone", true],
  ["WITH x AS (SELECT 1) SELECT * FROM x", false],
  ["DO $$ BEGIN PERFORM 1; END $$", true],
  ["SELECT 'DROP TABLE users' AS harmless_text", false],
  ["-- DROP TABLE users;\nSELECT 1", false],
  ["COPY users FROM '/tmp/users.csv'", true],
  ["COPY users TO STDOUT", false],
  ["VACUUM ANALYZE users", false],
];

function classify(text: string): { executor: Executor; destructive: boolean } {
  const { commands } = splitShell(text.split("\n"), 1);
  expect(commands).toHaveLength(1);
  const raw = commands[0];
  if (!raw) throw new Error("no command");
  return classifyShellCommand(raw);
}

describe("labelled shell commands", () => {
  it("has at least 60 labelled commands and statements", () => {
    expect(SHELL.length + SQL.length).toBeGreaterThanOrEqual(60);
  });
  it.each(SHELL)("%s → %s, destructive=%s", (cmd, executor, destructive) => {
    const c = classify(cmd);
    expect(c.executor).toBe(executor);
    expect(c.destructive).toBe(destructive);
  });
});

describe("labelled SQL statements", () => {
  it.each(SQL)("%s → destructive=%s", (sql, destructive) => {
    expect(isDestructiveSql(sql)).toBe(destructive);
  });
});

describe("shell splitting", () => {
  it("joins continuations, multi-line quotes, heredocs and if/fi blocks", () => {
    const text = [
      "# leading comment",
      "aws s3 cp a \\",
      "  b --recursive",
      'psql $X -c "',
      "  SELECT 1;",
      '"',
      "# Expected: 1",
      "cat > f <<EOF",
      "if this were shell it would not matter",
      "EOF",
      'if [ "$A" -eq 0 ]; then',
      '  echo "for all"',
      "fi",
      "echo a |",
      "  grep a",
    ].join("\n");
    const { commands, warnings } = splitShell(text.split("\n"), 10);
    expect(warnings).toEqual([]);
    expect(commands.map((c) => c.codeLines)).toEqual([
      [11, 12],
      [13, 15],
      [17, 19],
      [20, 22],
      [23, 24],
    ]);
    expect(commands[0]?.lines).toEqual([10, 12]);
    expect(commands[1]?.lines).toEqual([13, 16]);
  });
  it("strips $ prompts and keeps sample output apart", () => {
    const { commands } = splitShell(["$ ls -l", "total 0", "$ echo hi", "hi"], 1);
    expect(commands.map((c) => c.text)).toEqual(["ls -l", "echo hi"]);
    expect(commands[0]?.output.map((o) => o.text)).toEqual(["total 0"]);
  });
  it("warns about an unterminated quote instead of throwing", () => {
    const { commands, warnings } = splitShell(['echo "never closed', "next line"], 1);
    expect(commands).toHaveLength(1);
    expect(warnings[0]).toMatch(/not terminated/);
  });
});
