import fs from "node:fs/promises";
import path from "node:path";
import S3rver from "s3rver";
import { pickPort } from "./ports";

export interface EmbeddedS3 {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

// s3rver accepts any credentials; these fixed ones only keep the SDK's signer happy.
export const EMBEDDED_S3_KEY = "S3RVER";

export async function startEmbeddedS3(options: {
  dataDir: string;
  preferredPort: number;
  bucket: string;
}): Promise<EmbeddedS3> {
  const directory = path.join(options.dataDir, "s3");
  await fs.mkdir(directory, { recursive: true });
  const port = await pickPort(options.preferredPort);
  const server = new S3rver({
    address: "127.0.0.1",
    port,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: [{ name: options.bucket }],
  });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    accessKeyId: EMBEDDED_S3_KEY,
    secretAccessKey: EMBEDDED_S3_KEY,
    stop: () => server.close(),
  };
}
