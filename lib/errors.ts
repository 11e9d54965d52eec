// An expected failure whose message is written for the user and is safe to show them.
// Anything else is logged on the server and the user sees a generic message (house style 6).
export class SafeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SafeError";
  }
}

export const GENERIC_ERROR = "Something went wrong on the server. It has been logged.";

export function userMessage(error: unknown): string {
  return error instanceof SafeError ? error.message : GENERIC_ERROR;
}
