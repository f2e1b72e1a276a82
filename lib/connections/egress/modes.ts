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
