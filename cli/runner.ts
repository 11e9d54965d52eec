import { EMBEDDED_S3_KEY } from "@/lib/embedded/s3";
import { readEnv } from "@/lib/env";
import { runningDesk } from "@/lib/services/boot";

// `npm run runner`: a standalone runner against the same database as the desk. With DATABASE_URL
// it joins that deployment; without it, it attaches to the embedded desk running on this machine.
const log = (line: string) => console.log(`[runner] ${line}`);

async function main(): Promise<void> {
  const e = readEnv();
  if (!e.DATABASE_URL) {
    const desk = await runningDesk(e);
    if (!desk) {
      console.error("No DATABASE_URL and no desk running here. Start the desk (`npm start`) or set DATABASE_URL.");
      process.exit(1);
    }
    Object.assign(process.env, {
      DATABASE_URL: desk.databaseUrl,
      SANDBOX_DATABASE_URL: desk.sandboxUrl,
      ...(desk.s3Endpoint ? { S3_ENDPOINT: desk.s3Endpoint, S3_ACCESS_KEY_ID: EMBEDDED_S3_KEY, S3_SECRET_ACCESS_KEY: EMBEDDED_S3_KEY } : {}),
    });
  }
  const { startRunner } = await import("@/lib/runs/runner");
  const runner = await startRunner({ connectionString: process.env.DATABASE_URL ?? "", log });
  const stop = async () => {
    await runner.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

void main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
