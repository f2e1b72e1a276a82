"use client";
// The secret browser, loaded after the page (next/dynamic, no server render): it lists names from the provider
// through the API anyway, so its code and TanStack Query stay out of the page's first load
// (docs/accessibility.md "Lighter pages"). The list itself: ./secret-browser-list.tsx.
import dynamic from "next/dynamic";

export const SecretBrowser = dynamic(() => import("./secret-browser-list").then((m) => m.SecretBrowserList), {
  ssr: false,
  loading: () => (
    <p className="muted small" role="status">
      Loading secrets…
    </p>
  ),
});
