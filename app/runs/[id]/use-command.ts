"use client";

import { useActionState } from "react";
import { IDLE, outcome, type ActionOutcome, type CommandState } from "./command-state";
import { useRun } from "./use-run";

/**
 * A form action running one run command: returns [state, formAction, pending] like
 * useActionState. On success it pulls the new events before the transition ends, so optimistic
 * state hands over to the projected state without a flicker.
 */
export function useCommand(
  perform: (form: FormData) => Promise<ActionOutcome | undefined>,
  options: { success?: string; onSuccess?: () => void } = {},
) {
  const { refresh } = useRun();
  return useActionState(async (_prev: CommandState, form: FormData): Promise<CommandState> => {
    let state: CommandState;
    try {
      state = outcome(await perform(form), options.success ?? null);
    } catch {
      state = { ok: false, message: "The desk could not be reached. Check your connection and try again." };
    }
    if (state.ok) {
      options.onSuccess?.();
      await refresh().catch(() => undefined);
    }
    return state;
  }, IDLE);
}
