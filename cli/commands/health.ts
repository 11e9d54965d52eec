import { readEnv } from "@/lib/env";

export async function healthCommand(args: string[]): Promise<number> {
  const i = args.indexOf("--url");
  const base = i >= 0 && args[i + 1] ? args[i + 1] : `http://localhost:${readEnv().PORT}`;
  let res: Response;
  try {
    res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(15_000) });
  } catch {
    process.stderr.write(`No Runbook Desk answered at ${base}. Start it with \`npm start\` (or pass --url).\n`);
    return 1;
  }
  const body: unknown = await res.json().catch(() => null);
  process.stdout.write(JSON.stringify(body, null, 2) + "\n");
  return res.status === 200 ? 0 : 1;
}
