// The workspace egress modes (docs/egress.md). Pure: the settings form's schema and UI use them too.
export const EGRESS_MODES = ["public", "public+private"] as const;
export type EgressMode = (typeof EGRESS_MODES)[number];

export const EGRESS_MODE_LABELS: Record<EgressMode, { label: string; help: string }> = {
  public: {
    label: "Public addresses only",
    help: "Connection tests and provider addresses may reach the internet, nothing on private networks.",
  },
  "public+private": {
    label: "Public and private networks",
    help: "Also 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10 and fc00::/7: what reaching databases and services in your own VPC or data center needs.",
  },
};

/** What a workspace allows: its mode plus the allow-list entries (docs/egress.md). */
export interface EgressPolicy {
  mode: EgressMode;
  allowList: readonly string[];
}

/** The policy of a workspace row; a missing or unknown mode reads as public only (the stricter one). */
export function egressPolicyOf(row: { egressMode: string; egressAllowList: unknown }): EgressPolicy {
  const mode = (EGRESS_MODES as readonly string[]).includes(row.egressMode) ? (row.egressMode as EgressMode) : "public";
  const allowList = Array.isArray(row.egressAllowList) ? row.egressAllowList.filter((e): e is string => typeof e === "string") : [];
  return { mode, allowList };
}
