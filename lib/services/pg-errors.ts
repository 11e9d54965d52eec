// Turns a connection failure into a sentence that names the host and what to check,
// never the password.
export function describeConnectionError(url: string, error: unknown): string {
  let where = "the database";
  try {
    const u = new URL(url);
    where = `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    where = "the database (the URL does not parse)";
  }
  const code = typeof error === "object" && error && "code" in error ? String(error.code) : "";
  const message = error instanceof Error ? error.message : String(error);
  const hint: Record<string, string> = {
    ECONNREFUSED: "nothing is listening there: is the server running, and are host and port right?",
    ENOTFOUND: "the host name does not resolve: check the spelling and DNS.",
    EAI_AGAIN: "the host name does not resolve right now: check DNS.",
    ETIMEDOUT: "the connection timed out: check firewalls and that this machine may reach the host.",
    "28P01": "the password was rejected: check the user and password.",
    "28000": "the server refused this user/host (pg_hba.conf): check its access rules.",
    "3D000": "the database does not exist: create it or fix the name.",
  };
  return `Cannot connect to ${where}: ${hint[code] ?? message.replace(/:\/\/[^@\s]*@/g, "://•••@")}`;
}
