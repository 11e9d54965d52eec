import { S3Client } from "@aws-sdk/client-s3";
import { EMBEDDED_S3_KEY } from "@/lib/embedded/s3";
import { env } from "@/lib/env";

let client: S3Client | undefined;

export function s3(): S3Client {
  const e = env();
  client ??= new S3Client({
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
    credentials:
      e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
        : undefined,
  });
  return client;
}

export function s3Secrets(): string[] {
  const e = env();
  return [e.S3_SECRET_ACCESS_KEY].filter((s): s is string => Boolean(s) && s !== EMBEDDED_S3_KEY);
}
