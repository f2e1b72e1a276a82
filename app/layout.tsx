import type { Metadata } from "next";
import { connection } from "next/server";
import { HydrationMark } from "@/components/hydration-mark";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Keyhold", template: "%s · Keyhold" },
  description: "Connection credentials that stay in your own secrets manager.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: Next puts proxy.ts's per-request CSP nonce on its scripts only while
  // rendering, so a page prerendered at build time would carry none and its scripts would be blocked.
  await connection();
  return (
    <html lang="en">
      <body>
        {children}
        <HydrationMark />
      </body>
    </html>
  );
}
