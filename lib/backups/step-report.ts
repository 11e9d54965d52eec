import { maskedEmitter } from "@/lib/executors/output";
import { maskSecrets, secretsFor } from "@/lib/executors/mask-secrets";
import type { ExecContext, ExecResult, ExecStatus, OutputChunk } from "@/lib/executors/types";

// What the backup and restore executors share: masked output, a running summary (the step's
// stdout tail) and one way to finish.
export interface StepReport {
  secrets: string[];
  emit: (chunk: OutputChunk) => void;
  say: (text: string) => void;
  finish: (status: ExecStatus, error: string | null, produced?: Record<string, string>) => ExecResult;
}

export function stepReport(ctx: ExecContext): StepReport {
  const secrets = secretsFor(ctx.secrets, ctx.targetUrl);
  const emit = maskedEmitter(ctx, secrets);
  const summary: string[] = [];
  return {
    secrets,
    emit,
    say(text) {
      summary.push(text);
      emit({ stream: "stdout", text: `${text}\n` });
    },
    finish: (status, error, produced = {}) => ({
      status,
      exitCode: status === "succeeded" ? 0 : 1,
      error: error === null ? null : maskSecrets(error, secrets),
      results: [],
      httpStatus: null,
      stdoutTail: maskSecrets(summary.join("\n"), secrets),
      produced,
    }),
  };
}
