"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { retryUnanswered } from "@/lib/queries/retry";

/** Client-side server state (secret browser, test status, polling) for the console shell. */
export function Providers({ children }: { children: React.ReactNode }) {
  // Server answers are never retried by the browser: the server already retried the provider (lib/queries/retry.ts).
  const [client] = useState(
    () =>
      new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: retryUnanswered, refetchOnWindowFocus: false }, mutations: { retry: false } } }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
