// Test support for the executor tests: a context that records every chunk.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { envValue } from "@/lib/env";
import type { ExecContext, OutputChunk } from "./types";

export interface RecordingContext extends ExecContext {
  chunks: OutputChunk[];
  controller: AbortController;
  /** Text of the stdout/stderr/info chunks of one stream, concatenated. */
  text(stream: "stdout" | "stderr" | "info"): string;
  tables(): Extract<OutputChunk, { stream: "table" }>[];
}

export function sandboxUrl(): string {
  const url = envValue("SANDBOX_DATABASE_URL");
  if (!url) throw new Error("integration services not started (SANDBOX_DATABASE_URL unset)");
  return url;
}

export function makeWorkspace(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "exec-test-"));
}

export function testContext(overrides: Partial<ExecContext> = {}): RecordingContext {
  const controller = new AbortController();
  const chunks: OutputChunk[] = [];
  return {
    signal: controller.signal,
    timeoutMs: 20_000,
    targetUrl: null,
    variables: {},
    secrets: [],
    workspace: overrides.workspace ?? makeWorkspace(),
    mode: "run",
    readOnly: false,
    ...overrides,
    emit: (chunk) => chunks.push(chunk),
    chunks,
    controller,
    text(stream) {
      return chunks.map((c) => (c.stream === stream ? c.text : "")).join("");
    },
    tables() {
      return chunks.filter((c): c is Extract<OutputChunk, { stream: "table" }> => c.stream === "table");
    },
  };
}
