"use client";

import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { IDLE, outcome, type ActionOutcome, type CommandState } from "../command-state";

/** A reviewer form: runs one action, then re-renders the report from the log with the new event. */
export function useReviewAction(perform: (form: FormData) => Promise<ActionOutcome | undefined>, options: { success?: string; onSuccess?: () => void } = {}) {
  const router = useRouter();
  return useActionState(async (_prev: CommandState, form: FormData): Promise<CommandState> => {
    let state: CommandState;
    try {
      state = outcome(await perform(form), options.success ?? null);
    } catch {
      state = { ok: false, message: "The desk could not be reached. Check your connection and try again." };
    }
    if (state.ok) {
      options.onSuccess?.();
      router.refresh();
    }
    return state;
  }, IDLE);
}
