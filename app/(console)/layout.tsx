import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/current-user";

// The redirect here is UX only: every page and action authorizes on its own. No client providers here: the
// secret browser brings its own query client (lib/queries/client.ts), so pages without it load no TanStack Query.
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  if (!(await getSessionUser())) redirect("/login");
  return children;
}
