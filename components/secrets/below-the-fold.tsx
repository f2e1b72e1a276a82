"use client";
// The parts of the secrets settings pages below the fold (docs/accessibility.md "Lighter pages"). next/dynamic
// splits code only from a client module: imported from a server page, these would stay in the page's first load.
// They still render on the server; their code arrives after the page's own.
import dynamic from "next/dynamic";

export const BulkJobSection = dynamic(() => import("./bulk-job-panel").then((m) => m.BulkJobSection));
export const ScopeChangedCard = dynamic(() => import("./scope-changed-card").then((m) => m.ScopeChangedCard));
export const ReferencePolicySection = dynamic(() => import("./reference-policy-section").then((m) => m.ReferencePolicySection));
