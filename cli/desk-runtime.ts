import { EMBEDDED_S3_KEY } from "@/lib/embedded/s3";
import { readEnv } from "@/lib/env";
import { bootServices, runningDesk } from "@/lib/services/boot";

// Commands that need the desk's database: attach to the desk running on this machine, use the
// configured DATABASE_URL, or bring the embedded services up for the command's lifetime.
export async function withDeskServices<T>(log: (l: string) => void, fn: () => Promise<T>): Promise<T> {
  const e = readEnv();
  const running = e.DATABASE_URL ? null : await runningDesk(e);
  if (running) {
    Object.assign(process.env, {
      DATABASE_URL: running.databaseUrl,
      SANDBOX_DATABASE_URL: running.sandboxUrl,
      ...(running.s3Endpoint && !e.S3_ENDPOINT
        ? { S3_ENDPOINT: running.s3Endpoint, S3_ACCESS_KEY_ID: EMBEDDED_S3_KEY, S3_SECRET_ACCESS_KEY: EMBEDDED_S3_KEY }
        : {}),
    });
    return fn();
  }
  const runtime = await bootServices(e, log);
  Object.assign(process.env, runtime.env);
  try {
    const { registerConfiguredTargets } = await import("@/lib/services/targets");
    await registerConfiguredTargets(Boolean(runtime.env.SANDBOX_DATABASE_URL));
    return await fn();
  } finally {
    const { db } = await import("@/lib/db");
    await db.$disconnect().catch(() => undefined);
    await runtime.stop();
  }
}
