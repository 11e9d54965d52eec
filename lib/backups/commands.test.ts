import { describe, expect, it } from "vitest";
import { parseDumpCommand } from "./dump-command";
import { parseRestoreCommand } from "./restore-command";

const STAMP = "20260101_120000";

describe("parseDumpCommand", () => {
  it("reads the seeds' pg_dump lines: connection flags ignored, redirect target as the file name, custom format by default", () => {
    const p = parseDumpCommand("pg_dump -h $DB_HOST -U $DB_USER -d $DB_NAME > pre_rollback_backup.sql", {}, STAMP);
    expect(p).toMatchObject({ format: "custom", fileName: "pre_rollback_backup.sql", tables: [], args: [] });
    expect(p.ignored).toEqual(["-h", "-U", "-d"]);
    const q = parseDumpCommand("pg_dump $DATABASE_URL > memory_schema_backup_$(date +%s).sql", {}, STAMP);
    expect(q.fileName).toBe(`memory_schema_backup_${STAMP}.sql`);
    expect(q.ignored).toEqual(["$DATABASE_URL"]);
  });

  it("keeps selection and content flags, expands variables, names the file after a single table", () => {
    const p = parseDumpCommand("pg_dump -Fc -t user_application_access --table=$T --schema-only -n public -T 'x*' -Z5", { T: "user_invitations" }, STAMP);
    expect(p.tables).toEqual(["user_application_access", "user_invitations"]);
    expect(p.excludeTables).toEqual(["x*"]);
    expect(p.schemas).toEqual(["public"]);
    expect(p.schemaOnly).toBe(true);
    expect(p.args).toEqual(["--table=user_application_access", "--table=user_invitations", "--schema-only", "--schema=public", "--exclude-table=x*", "--compress=5"]);
    expect(parseDumpCommand("pg_dump -t users", {}, STAMP).fileName).toBe("users.dump");
    expect(parseDumpCommand("pg_dump -Fp -f ${BACKUP_DIR}/all.sql", { BACKUP_DIR: "/x/y" }, STAMP)).toMatchObject({ format: "plain", fileName: "all.sql" });
    expect(parseDumpCommand("pg_dump --format=tar", {}, STAMP).fileName).toBe("database.tar");
  });

  it("refuses what cannot be streamed or run alone, with the reason", () => {
    expect(() => parseDumpCommand("pg_dump -Fd -f out", {}, STAMP)).toThrow(/directory format .* cannot be streamed/);
    expect(() => parseDumpCommand("pg_dump -j 4 -Fc", {}, STAMP)).toThrow(/-j\/--jobs/);
    expect(() => parseDumpCommand("pg_dump mydb | gzip > x.gz", {}, STAMP)).toThrow(/runs pg_dump alone; this command has 2 commands/);
    expect(() => parseDumpCommand("pg_dump --frobnicate", {}, STAMP)).toThrow(/unknown option --frobnicate/);
    expect(() => parseDumpCommand("pg_dump -t $MISSING", {}, STAMP)).toThrow(/variable \$MISSING is not set/);
    expect(() => parseDumpCommand("psql -c 'select 1'", {}, STAMP)).toThrow(/expected a pg_dump command/);
  });
});

describe("parseRestoreCommand", () => {
  it("keeps -c/--if-exists and selections, drops connection flags and -j, takes the archive argument", () => {
    const p = parseRestoreCommand("pg_restore -h $DB_HOST -U $DB_USER -d vibes_prod -c --if-exists -j 4 -t users pre_migration_backup.sql", {});
    expect(p).toMatchObject({ source: "pre_migration_backup.sql", clean: true, ifExists: true, tables: ["users"] });
    expect(p.args).toEqual(["--clean", "--if-exists", "--table=users"]);
    expect(p.ignored).toEqual(["-h", "-U", "-d", "-j (the restore runs in one transaction)"]);
    expect(parseRestoreCommand("pg_restore --verbose -d $DATABASE_URL $BACKUP_DIR", { BACKUP_DIR: "/b/set" }).source).toBe("/b/set");
    expect(parseRestoreCommand("pg_restore -d x", {}).source).toBeNull();
  });

  it("refuses options that would not restore into the run's target", () => {
    expect(() => parseRestoreCommand("pg_restore -C -d postgres x.dump", {})).toThrow(/-C creates and switches databases/);
    expect(() => parseRestoreCommand("pg_restore -l x.dump", {})).toThrow(/only lists/);
    expect(() => parseRestoreCommand("pg_restore -f out.sql x.dump", {})).toThrow(/writes a script/);
    expect(() => parseRestoreCommand("pg_restore a.dump b.dump", {})).toThrow(/one archive/);
  });
});
