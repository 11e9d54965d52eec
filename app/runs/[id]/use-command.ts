"use client";

import { useActionState } from "react";
import { IDLE, runCommand, type ActionOutcome, type CommandState } from "./command-state";
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
  return useActionState(
    (_prev: CommandState, form: FormData): Promise<CommandState> => runCommand(() => perform(form), options, refresh),
    IDLE,
  );
}
