import { once } from "node:events";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import type { PgTool } from "@/lib/services/pg-tools";
import { startPgTool } from "./pg-process";
import { describeS3Error, startStreamUpload, type Storage } from "./storage";
import { DumpTee } from "./tee";

// One pg_dump run: stdout → sha256 → <file>.partial and the S3 multipart upload at the same time.
// On success the file is fsynced and renamed to its final name; on any failure the partial file
// is deleted and the multipart upload aborted, so nothing half-written looks like a backup.

export type DumpOutcome =
  | {
      kind: "ok";
      bytes: number;
      sha256: string;
      etags: string[] | null;
      // Resolves with null when the S3 copy is complete, else why it is not.
      upload: Promise<string | null>;
      // The dump file is on disk (fsync).
      durable: Promise<void>;
    }
  | { kind: "tool-failed" | "write-failed" | "stopped"; message: string; stop: "timeout" | "cancel" | null; uploadError: string | null };

function writeMessage(e: Error, file: string, bytes: number): string {
  const code = (e as NodeJS.ErrnoException).code;
  const mb = (bytes / 1024 / 1024).toFixed(1);
  if (code === "ENOSPC") return `disk full: no space left on the device holding ${file} after ${mb} MB; the partial dump was deleted`;
  if (code === "EDQUOT") return `disk quota exceeded writing ${file} after ${mb} MB; the partial dump was deleted`;
  return `could not write ${file} after ${mb} MB: ${e.message}; the partial dump was deleted`;
}

export async function streamDump(options: {
  tool: PgTool;
  args: string[];
  env: NodeJS.ProcessEnv;
  finalPath: string;
  storage: Storage | null;
  key: string;
  metadata: Record<string, string>;
  signal: AbortSignal;
  timeoutMs: number;
  onStderr(text: string): void;
  onProgress(dumped: number, uploaded: number): void;
}): Promise<DumpOutcome> {
  const partial = `${options.finalPath}.partial`;
  // The set directory is new, so nothing else writes here.
  const file = createWriteStream(partial);
  try {
    await once(file, "open");
  } catch (e) {
    return { kind: "write-failed", message: writeMessage(e as Error, partial, 0), stop: null, uploadError: null };
  }
  const upload = options.storage ? startStreamUpload(options.storage, options.key, options.metadata) : null;
  const tee = new DumpTee(file, upload?.body ?? null);
  let abandoning = false;
  let uploadError: string | null = options.storage ? null : "no S3 storage configured";
  const uploadSettled: Promise<string | null> = upload
    ? upload.done.then(
        () => null,
        (e: unknown) => {
          if (!abandoning) {
            uploadError = describeS3Error(e);
            tee.dropS3();
          }
          return uploadError ?? "upload abandoned";
        },
      )
    : Promise.resolve(uploadError);
  file.on("error", (e) => tee.destroy(e));

  const run = startPgTool(options.tool.path, options.args, { env: options.env, signal: options.signal, timeoutMs: options.timeoutMs, onStderr: options.onStderr });
  const ticker = setInterval(() => options.onProgress(tee.bytes, upload?.uploaded() ?? 0), 500);
  const piping = pipeline(run.child.stdout, tee).then(
    () => null,
    async (e: unknown) => {
      await run.kill();
      return e instanceof Error ? e : new Error(String(e));
    },
  );
  const [writeError, exit] = await Promise.all([piping, run.exited]);
  clearInterval(ticker);

  if (writeError || exit.code !== 0 || exit.stop) {
    abandoning = true;
    upload?.body.destroy(new Error("the dump failed; upload abandoned"));
    await uploadSettled;
    file.destroy();
    await fs.rm(partial, { force: true });
    if (exit.stop) {
      const why = exit.stop === "timeout" ? `timed out after ${options.timeoutMs} ms` : "cancelled";
      return { kind: "stopped", stop: exit.stop, message: `pg_dump ${why}; it was stopped and the partial dump was deleted`, uploadError: null };
    }
    if (writeError && exit.code !== 0 && !/EPIPE|ERR_STREAM/.test(writeError.message + ((writeError as NodeJS.ErrnoException).code ?? ""))) {
      return { kind: "write-failed", message: writeMessage(writeError, partial, tee.bytes), stop: null, uploadError: null };
    }
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    const stderr = run.stderrTail();
    return { kind: "tool-failed", message: `pg_dump ${how}${stderr ? `: ${stderr}` : ""}; the partial dump was deleted`, stop: null, uploadError: null };
  }

  // Renamed now, made durable meanwhile: the MANIFEST (which is what makes a set valid) is only
  // written after `durable` resolves.
  await fs.rename(partial, options.finalPath);
  const durable = fs.open(options.finalPath, "r").then(async (fh) => {
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  });
  durable.catch(() => undefined);
  const complete = tee.feedingS3;
  if (complete) upload?.body.end();
  return { kind: "ok", bytes: tee.bytes, sha256: tee.sha256.digest("hex"), etags: complete ? tee.etag.expected() : null, upload: uploadSettled, durable };
}
