import { createHash, type Hash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { PassThrough, Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { env } from "@/lib/env";
import { s3 } from "@/lib/s3";

// The S3 side of a backup set: <bucket>/<prefix>/<YYYY-MM-DD>/<set>/<file>. The dump streams
// up as a multipart upload while pg_dump runs; every object is checked with HeadObject after.

export interface Storage {
  client: S3Client;
  bucket: string;
  prefix: string;
}

export function defaultStorage(): Storage {
  return { client: s3(), bucket: env().S3_BUCKET, prefix: env().S3_PREFIX };
}

export const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 3;

export function setKeyPrefix(storage: Storage, date: string, set: string): string {
  return [storage.prefix.replace(/^\/+|\/+$/g, ""), date, set].filter(Boolean).join("/") + "/";
}

export function s3Uri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

export function parseS3Uri(uri: string): { bucket: string; key: string } | null {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!m?.[1]) return null;
  return { bucket: m[1], key: m[2] ?? "" };
}

export function describeS3Error(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const code = (e as Error & { code?: string }).code;
  const name = e.name && e.name !== "Error" ? e.name : code;
  const message = e.message || code || "unknown error";
  return name && !message.includes(name) ? `${name}: ${message}` : message;
}

/**
 * The ETag S3 gives an object uploaded by lib-storage with PART_SIZE parts: md5 of the body for a
 * single PUT, md5 of the parts' md5s + "-N" for a multipart upload.
 */
export class EtagHasher {
  private whole: Hash | null = createHash("md5");
  private part = createHash("md5");
  private partBytes = 0;
  private readonly partDigests: Buffer[] = [];
  private total = 0;

  constructor(private readonly partSize = PART_SIZE) {}

  update(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.whole && this.total > this.partSize) this.whole = null;
    this.whole?.update(chunk);
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(this.partSize - this.partBytes, chunk.length - offset);
      this.part.update(chunk.subarray(offset, offset + take));
      this.partBytes += take;
      offset += take;
      if (this.partBytes === this.partSize) {
        this.partDigests.push(this.part.digest());
        this.part = createHash("md5");
        this.partBytes = 0;
      }
    }
  }

  /** Both forms an uploader could have produced (a body of exactly one part may go either way). */
  expected(): string[] {
    const out: string[] = [];
    if (this.whole) out.push(this.whole.digest("hex"));
    const digests = this.partBytes > 0 || this.partDigests.length === 0 ? [...this.partDigests, this.part.digest()] : this.partDigests;
    out.push(`${createHash("md5").update(Buffer.concat(digests)).digest("hex")}-${digests.length}`);
    return out;
  }
}

export interface StreamUpload {
  body: PassThrough;
  done: Promise<void>;
  uploaded(): number;
}

export function startStreamUpload(storage: Storage, key: string, metadata: Record<string, string>): StreamUpload {
  const body = new PassThrough({ highWaterMark: 1024 * 1024 });
  let loaded = 0;
  const upload = new Upload({
    client: storage.client,
    params: { Bucket: storage.bucket, Key: key, Body: body, ContentType: "application/octet-stream", Metadata: metadata },
    partSize: PART_SIZE,
    queueSize: QUEUE_SIZE,
    leavePartsOnError: false,
  });
  upload.on("httpUploadProgress", (p) => {
    if (typeof p.loaded === "number") loaded = Math.max(loaded, p.loaded);
  });
  const done = upload.done().then(() => undefined);
  // Body errors (pg_dump failed) reject done; the caller awaits it, this only avoids an unhandled rejection.
  done.catch(() => undefined);
  return { body, done, uploaded: () => loaded };
}

/**
 * A small file in one PUT. The body goes as a Buffer: with a stream the SDK sends an aws-chunked
 * body with a trailing checksum, which some S3-compatible servers (s3rver) store verbatim.
 */
/** Uploads a local file (multipart when large) and returns the ETags S3 should report for it. */
export async function uploadFile(storage: Storage, key: string, file: string, metadata: Record<string, string>): Promise<string[]> {
  const etag = new EtagHasher();
  const body = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      etag.update(chunk);
      callback(null, chunk);
    },
  });
  const reading = pipeline(createReadStream(file, { highWaterMark: 1024 * 1024 }), body);
  reading.catch(() => undefined);
  const upload = new Upload({
    client: storage.client,
    params: { Bucket: storage.bucket, Key: key, Body: body, ContentType: "application/octet-stream", Metadata: metadata },
    partSize: PART_SIZE,
    queueSize: QUEUE_SIZE,
    leavePartsOnError: false,
  });
  try {
    await Promise.all([upload.done(), reading]);
  } catch (e) {
    body.destroy();
    throw e;
  }
  return etag.expected();
}

export async function putFile(storage: Storage, key: string, body: Buffer, metadata: Record<string, string>): Promise<void> {
  await storage.client.send(new PutObjectCommand({ Bucket: storage.bucket, Key: key, Body: body, ContentLength: body.length, Metadata: metadata }));
}

export interface HeadCheck {
  ok: boolean;
  detail: string;
}

/** HeadObject: the size must match; the ETag too unless the store's ETags are not MD5s (SSE-KMS/SSE-C). */
export async function verifyObject(storage: Storage, key: string, size: number, etags: string[] | null): Promise<HeadCheck> {
  const head = await storage.client.send(new HeadObjectCommand({ Bucket: storage.bucket, Key: key }));
  if (head.ContentLength !== size) return { ok: false, detail: `${key}: S3 has ${head.ContentLength ?? "?"} bytes, the local file ${size}` };
  const etag = (head.ETag ?? "").replace(/"/g, "");
  const kms = head.ServerSideEncryption?.startsWith("aws:kms") || Boolean(head.SSECustomerAlgorithm);
  if (!etags || kms) return { ok: true, detail: `${key}: ${size} bytes (size checked${kms ? "; ETag is not an MD5 under SSE-KMS/SSE-C" : ""})` };
  // Some S3-compatible servers (s3rver) give a multipart object a plain MD5 ETag of the whole body:
  // not comparable without hashing everything twice, so the size check stands alone there.
  const comparable = etags.some((e) => e.includes("-") === etag.includes("-"));
  if (!comparable) return { ok: true, detail: `${key}: ${size} bytes (size checked; the store's multipart ETag ${etag} is not in S3's form)` };
  if (!etags.includes(etag)) return { ok: false, detail: `${key}: ETag ${etag} does not match the local content (${etags.join(" or ")})` };
  return { ok: true, detail: `${key}: ${size} bytes, ETag ${etag} matches the local content` };
}

/** Downloads an object to a file, hashing on the way. */
export async function downloadFile(client: S3Client, bucket: string, key: string, dest: string): Promise<{ sha256: string; size: number }> {
  const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!(res.Body instanceof Readable)) throw new Error(`s3://${bucket}/${key}: unexpected response body`);
  const hash = createHash("sha256");
  let size = 0;
  res.Body.on("data", (b: Buffer) => {
    hash.update(b);
    size += b.length;
  });
  await pipeline(res.Body, createWriteStream(dest));
  return { sha256: hash.digest("hex"), size };
}

export async function getText(client: S3Client, bucket: string, key: string): Promise<string> {
  const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!res.Body) throw new Error(`s3://${bucket}/${key}: empty response`);
  return res.Body.transformToString("utf8");
}
