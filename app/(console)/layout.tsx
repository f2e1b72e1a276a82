import { redirect } from "next/navigation";
import { Providers } from "@/components/providers";
import { getSessionUser } from "@/lib/auth/current-user";

// The redirect here is UX only: every page and action authorizes on its own.
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  if (!(await getSessionUser())) redirect("/login");
  return <Providers>{children}</Providers>;
}
