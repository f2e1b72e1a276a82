import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/current-user";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  if (await getSessionUser()) redirect("/");
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
        <SignInForm />
      </div>
    </main>
  );
}
