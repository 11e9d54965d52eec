// What a command button says after it ran: the server's SafeError message, the first
// validation message, or a short confirmation. Shown in an aria-live region beside the button.

export interface CommandState {
  ok: boolean | null;
  message: string | null;
}

export const IDLE: CommandState = { ok: null, message: null };

export interface ActionOutcome {
  serverError?: string;
  validationErrors?: unknown;
}

function firstMessage(errors: unknown): string | null {
  if (Array.isArray(errors)) return errors.find((e): e is string => typeof e === "string") ?? null;
  if (errors && typeof errors === "object") {
    for (const value of Object.values(errors)) {
      const found = firstMessage(value);
      if (found) return found;
    }
  }
  return null;
}

export function outcome(result: ActionOutcome | undefined, success: string | null): CommandState {
  if (result?.serverError) return { ok: false, message: result.serverError };
  if (result?.validationErrors) return { ok: false, message: firstMessage(result.validationErrors) ?? "Check what you typed." };
  return { ok: true, message: success };
}

const UNREACHABLE: CommandState = { ok: false, message: "The desk could not be reached. Check your connection and try again." };

/**
 * One form submission of an action: its outcome as CommandState, and on success the caller's
 * follow-up (pull new events, or re-render the page) before the transition ends.
 */
export async function runCommand(
  perform: () => Promise<ActionOutcome | undefined>,
  options: { success?: string; onSuccess?: () => void },
  afterSuccess: () => Promise<unknown> | void,
): Promise<CommandState> {
  let state: CommandState;
  try {
    state = outcome(await perform(), options.success ?? null);
  } catch {
    state = UNREACHABLE;
  }
  if (state.ok) {
    options.onSuccess?.();
    await Promise.resolve(afterSuccess()).catch(() => undefined);
  }
  return state;
}
