"use client";

import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { IDLE, runCommand, type ActionOutcome, type CommandState } from "../command-state";

/** A reviewer form: runs one action, then re-renders the report from the log with the new event. */
export function useReviewAction(
  perform: (form: FormData) => Promise<ActionOutcome | undefined>,
  options: { success?: string; onSuccess?: () => void } = {},
) {
  const router = useRouter();
  return useActionState(
    (_prev: CommandState, form: FormData): Promise<CommandState> => runCommand(() => perform(form), options, () => router.refresh()),
    IDLE,
  );
}
