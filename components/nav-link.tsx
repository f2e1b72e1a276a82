"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** A link that marks itself aria-current when the route is it (exact) or below it (prefix). */
export function NavLink({ href, children, exact = false }: { href: string; children: React.ReactNode; exact?: boolean }) {
  const pathname = usePathname();
  const current = exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link href={href} aria-current={current ? "page" : undefined}>
      {children}
    </Link>
  );
}
