import { parentPort } from "node:worker_threads";
import { parseRunbook } from "./parse-runbook";

// The importer on a worker thread (see parse-off-thread.ts): one document per message.
export interface ParseRequest {
  id: number;
  text: string;
}

export type ParseReply = { id: number; ok: true; parsed: ReturnType<typeof parseRunbook> } | { id: number; ok: false; message: string };

parentPort?.on("message", (m: ParseRequest) => {
  let reply: ParseReply;
  try {
    reply = { id: m.id, ok: true, parsed: parseRunbook(m.text) };
  } catch (e) {
    reply = { id: m.id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(reply);
});
