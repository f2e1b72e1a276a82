import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { getSessionUser } from "@/lib/auth/current-user";
import { announceSetupIfNeeded } from "@/lib/auth/setup-announce";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (await getSessionUser()) redirect("/");
  // An empty database: nobody can sign in yet, so say how to create the first owner instead.
  const needsSetup = await announceSetupIfNeeded();
  const { setup } = await searchParams;
  return (
    <main className="auth">
      <div className="card">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            K
          </span>{" "}
          Keyhold
        </div>
        <h1>Sign in</h1>
        <p className="muted">Connection credentials that stay in your own secrets manager.</p>
        {setup === "done" && !needsSetup && <Alert kind="success">Setup complete. Sign in with the email and password you chose.</Alert>}
        {needsSetup ? (
          <Alert kind="info">
            No account exists yet. The server printed a one-time setup token in its log (“Setup token: kh_setup_…”). <Link href="/setup">Set up Keyhold</Link>{" "}
            with it to create the first owner and workspace.
          </Alert>
        ) : (
          <SignInForm />
        )}
      </div>
    </main>
  );
}
