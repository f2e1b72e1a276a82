import type { Metadata } from "next";
import Link from "next/link";
import { getSessionUser } from "@/lib/auth/current-user";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return (
    <main className="auth">
      <div className="card">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            K
          </span>{" "}
          Keyhold
        </div>
        <h1>{user.mustChangePassword ? "Set your password" : "Change password"}</h1>
        <p className="muted">
          {user.mustChangePassword
            ? "You signed in with a one-time password. Choose your own password to continue."
            : `Signed in as ${user.email}. Your other sessions end when you change it.`}
        </p>
        <ChangePasswordForm oneTime={user.mustChangePassword} />
        {!user.mustChangePassword && (
          <p className="small" style={{ marginTop: 16 }}>
            <Link href="/">Back to the console</Link>
          </p>
        )}
      </div>
    </main>
  );
}
