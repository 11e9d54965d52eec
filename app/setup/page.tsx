import { SetupForm } from "./setup-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "First admin" };

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <section className="mx-auto max-w-md rounded border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-2 text-2xl font-semibold">Create the first admin</h1>
      <p className="mb-4 text-sm text-slate-600">
        This one-time link was printed when the desk started. The admin then adds everyone else under Users.
      </p>
      {token ? <SetupForm token={token} /> : <p role="alert">This page needs the setup link printed by the desk at start.</p>}
    </section>
  );
}
