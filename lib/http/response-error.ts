// For the browser: what a failed desk response says, read from the one error shape every route
// answers with (`{ error: { message } }`, lib/http/route.ts), or its status when it has none.
export async function responseError(res: Response): Promise<Error> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return new Error(body?.error?.message ?? `The desk answered ${res.status}.`);
}
