import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/current-user";
import { announceSetupIfNeeded } from "@/lib/auth/setup-announce";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up Keyhold" };

// Open only while the database has no account; afterwards it sends everyone to sign-in.
export default async function SetupPage() {
  if (await getSessionUser()) redirect("/");
  if (!(await announceSetupIfNeeded())) redirect("/login");
  return (
    <main className="auth">
      <div className="card">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            K
          </span>{" "}
          Keyhold
        </div>
        <h1>Set up Keyhold</h1>
        <p className="muted">
          Create the first owner and workspace. The setup token is in the server’s log (the line “Setup token: kh_setup_…”), so only whoever runs the server can
          do this, and only once.
        </p>
        <SetupForm />
      </div>
    </main>
  );
}
