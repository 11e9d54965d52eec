import { createHash } from "node:crypto";
import { once } from "node:events";
import type { WriteStream } from "node:fs";
import { Writable, type PassThrough } from "node:stream";
import { EtagHasher } from "./storage";

// pg_dump's stdout goes through here once: sha256 (and the S3 ETag) computed on the fly, written
// to the local file and to the S3 upload body, with backpressure from both. When the upload
// fails the S3 branch is dropped and the local file keeps going, so the local set stays complete.

export class DumpTee extends Writable {
  readonly sha256 = createHash("sha256");
  readonly etag = new EtagHasher();
  bytes = 0;
  private s3: PassThrough | null;
  private s3Waiters: (() => void)[] = [];

  constructor(
    private readonly file: WriteStream,
    s3Body: PassThrough | null,
  ) {
    super({ highWaterMark: 1024 * 1024 });
    this.s3 = s3Body;
  }

  /** Stops feeding S3 (its upload failed); pending writes waiting on it go on. */
  dropS3(): void {
    this.s3 = null;
    for (const w of this.s3Waiters.splice(0)) w();
  }

  get feedingS3(): boolean {
    return this.s3 !== null;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.sha256.update(chunk);
    if (this.s3) this.etag.update(chunk);
    this.bytes += chunk.length;
    const waits: Promise<unknown>[] = [];
    if (!this.file.write(chunk)) waits.push(once(this.file, "drain"));
    const s3 = this.s3;
    if (s3 && !s3.write(chunk)) {
      waits.push(
        new Promise<void>((resolve) => {
          const done = () => {
            s3.off("drain", done);
            resolve();
          };
          s3.once("drain", done);
          this.s3Waiters.push(done);
        }),
      );
    }
    if (waits.length === 0) callback();
    else Promise.all(waits).then(() => callback(), (e: unknown) => callback(e instanceof Error ? e : new Error(String(e))));
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.file.end((e?: Error | null) => callback(e ?? null));
  }
}
