"use client";
import { useEffect } from "react";

/**
 * Marks the page as hydrated (`<html data-hydrated="true">`). Browser tests wait for it after navigating: a click
 * that lands before hydration is replayed by React once it hydrates, which an immediate check cannot see.
 */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
