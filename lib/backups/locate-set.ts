import { existsSync, statSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { MANIFEST, parseManifest, readManifest, SetError, verifyFiles, type BackupManifest } from "./manifest";
import { describeS3Error, downloadFile, getText, parseS3Uri, type Storage } from "./storage";

// Which backup set a restore step means, and proof that it is intact: every file's size and
// sha256 against the MANIFEST, checked before anything touches the target. From S3 the files are
// downloaded into the run's workspace and hashed on the way.

export interface LocatedSet {
  dir: string;
  manifest: BackupManifest;
  dump: string; // file name inside the set
  origin: string;
}

function dumpOf(manifest: BackupManifest, wanted: string | null, where: string): string {
  if (wanted && manifest.files.some((f) => f.name === wanted && f.role === "dump")) return wanted;
  const dump = manifest.files.find((f) => f.role === "dump");
  if (!dump) throw new SetError(`${where}: the MANIFEST lists no dump file`);
  if (wanted && wanted !== dump.name && wanted !== MANIFEST) throw new SetError(`${where} has no ${wanted} (its dump is ${dump.name})`);
  return dump.name;
}

async function fromDirectory(dir: string, wanted: string | null): Promise<LocatedSet> {
  const manifest = await readManifest(dir);
  const dump = dumpOf(manifest, wanted, dir);
  const { problems } = await verifyFiles(dir, manifest);
  if (problems.length) throw new SetError(`backup set ${dir} failed its sha256 check: ${problems.join("; ")}`);
  return { dir, manifest, dump, origin: dir };
}

async function fromS3(uri: string, storage: Storage, workspace: string): Promise<LocatedSet> {
  const loc = parseS3Uri(uri);
  if (!loc) throw new SetError(`not an S3 URI: ${uri}`);
  const isFile = !loc.key.endsWith("/") && /\.[A-Za-z0-9]+$/.test(loc.key);
  const prefix = isFile ? loc.key.slice(0, loc.key.lastIndexOf("/") + 1) : loc.key.replace(/\/?$/, "/");
  const wanted = isFile ? loc.key.slice(prefix.length) : null;
  let manifest: BackupManifest;
  let manifestText: string;
  try {
    manifestText = await getText(storage.client, loc.bucket, prefix + MANIFEST);
  } catch (e) {
    throw new SetError(`s3://${loc.bucket}/${prefix} has no readable ${MANIFEST} (${describeS3Error(e)}): not a complete backup set`);
  }
  manifest = parseManifest(manifestText, `s3://${loc.bucket}/${prefix}`);
  const dump = dumpOf(manifest, wanted, uri);
  const dir = path.join(workspace, "restores", manifest.set);
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  const problems: string[] = [];
  await Promise.all(
    manifest.files.map(async (f) => {
      let got: { sha256: string; size: number };
      try {
        got = await downloadFile(storage.client, loc.bucket, prefix + f.name, path.join(dir, f.name));
      } catch (e) {
        problems.push(`${f.name} could not be downloaded: ${describeS3Error(e)}`);
        return;
      }
      if (got.size !== f.size) problems.push(`${f.name} is ${got.size < f.size ? "truncated" : "longer than recorded"}: ${got.size} bytes, MANIFEST says ${f.size}`);
      else if (got.sha256 !== f.sha256) problems.push(`${f.name} is corrupted: sha256 ${got.sha256}, MANIFEST says ${f.sha256}`);
    }),
  );
  if (problems.length) throw new SetError(`backup set s3://${loc.bucket}/${prefix} failed its sha256 check: ${problems.join("; ")}`);
  await fs.writeFile(path.join(dir, MANIFEST), manifestText);
  manifest = parseManifest(manifestText, dir);
  return { dir, manifest, dump, origin: `s3://${loc.bucket}/${prefix}` };
}

/**
 * The set named by the pg_restore argument: an S3 URI, a set directory, a file inside a set, or a
 * bare file name looked up in BACKUP_DIR (the run's last backup); no argument means BACKUP_DIR,
 * then BACKUP_S3_URI.
 */
export async function locateSet(source: string | null, variables: Record<string, string>, workspace: string, storage: Storage | null): Promise<LocatedSet> {
  const s3 = (uri: string) => {
    if (!storage) throw new SetError(`${uri}: no S3 storage configured`);
    return fromS3(uri, storage, workspace);
  };
  if (source?.startsWith("s3://")) return s3(source);
  if (source) {
    const p = path.resolve(workspace, source);
    if (existsSync(p)) {
      if (statSync(p).isDirectory()) return fromDirectory(p, null);
      if (existsSync(path.join(path.dirname(p), MANIFEST))) return fromDirectory(path.dirname(p), path.basename(p));
      throw new SetError(`${source} is not part of a backup set (no ${MANIFEST} beside it): the desk restores only verified sets`);
    }
  }
  const backupDir = variables.BACKUP_DIR;
  if (backupDir && existsSync(path.join(backupDir, MANIFEST))) return fromDirectory(backupDir, source ? path.basename(source) : null);
  if (variables.BACKUP_S3_URI) return s3(variables.BACKUP_S3_URI);
  throw new SetError(
    source
      ? `no backup set holds ${source}: not a path, and BACKUP_DIR (${backupDir ?? "unset"}) is not a backup set`
      : "no backup set to restore: name one (a set directory or s3:// URI), or run a backup step first (it sets BACKUP_DIR)",
  );
}
