// Vault ACL evaluation: rules from all of a token's policies merge per path pattern; an exact path wins, else
// the highest-priority glob (`*` at the end) or segment wildcard (`+`) pattern, with Vault's documented
// priority order; "deny" on the winning pattern denies everything.
import type { VaultPolicyRule } from "./fixture";

interface CompiledRule {
  pattern: string;
  capabilities: Set<string>;
  /** Ends in `*`: a prefix match. */
  glob: boolean;
  /** Contains a `+` segment. */
  wildcard: boolean;
  regex: RegExp;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function compile(pattern: string, capabilities: Set<string>): CompiledRule {
  const glob = pattern.endsWith("*");
  const body = glob ? pattern.slice(0, -1) : pattern;
  const segments = body.split("/");
  const wildcard = segments.includes("+");
  const source = segments.map((seg) => (seg === "+" ? "[^/]+" : escapeRegex(seg))).join("/");
  return { pattern, capabilities, glob, wildcard, regex: new RegExp(`^${source}${glob ? "" : "$"}`) };
}

function firstWildcard(pattern: string): number {
  const plus = /(^|\/)\+(\/|$)/.exec(pattern);
  const plusAt = plus ? plus.index + (plus[1] ?? "").length : -1;
  const positions = [pattern.indexOf("*"), plusAt].filter((i) => i >= 0);
  return positions.length ? Math.min(...positions) : pattern.length;
}

/** Positive when `a` has priority over `b`, per "Priority matching" in Vault's policy documentation. */
function comparePriority(a: CompiledRule, b: CompiledRule): number {
  const wa = firstWildcard(a.pattern);
  const wb = firstWildcard(b.pattern);
  if (wa !== wb) return wa - wb;
  if (a.glob !== b.glob) return a.glob ? -1 : 1;
  const plusA = a.pattern.split("/").filter((s) => s === "+").length;
  const plusB = b.pattern.split("/").filter((s) => s === "+").length;
  if (plusA !== plusB) return plusB - plusA;
  if (a.pattern.length !== b.pattern.length) return a.pattern.length - b.pattern.length;
  return a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0;
}

export class Acl {
  private readonly exact = new Map<string, CompiledRule>();
  private readonly patterns: CompiledRule[] = [];

  constructor(rules: VaultPolicyRule[]) {
    const merged = new Map<string, Set<string>>();
    for (const rule of rules) {
      const caps = merged.get(rule.path) ?? new Set<string>();
      for (const c of rule.capabilities) caps.add(c);
      merged.set(rule.path, caps);
    }
    for (const [pattern, caps] of merged) {
      const compiled = compile(pattern, caps);
      if (compiled.glob || compiled.wildcard) this.patterns.push(compiled);
      else this.exact.set(pattern, compiled);
    }
  }

  /** Capabilities granted on `path`; empty when denied or unmatched. */
  capabilities(path: string): Set<string> {
    const rule = this.exact.get(path) ?? this.bestPattern(path);
    if (!rule || rule.capabilities.has("deny")) return new Set();
    return rule.capabilities;
  }

  allows(path: string, capability: string): boolean {
    return this.capabilities(path).has(capability);
  }

  /** Like Vault's hasMountAccess: any non-deny capability on the mount path or on any rule path under it. */
  hasMountAccess(mountPath: string): boolean {
    if (this.capabilities(mountPath).size > 0) return true;
    const under = (r: CompiledRule) => {
      const literal = r.glob ? r.pattern.slice(0, -1) : r.pattern;
      return literal.startsWith(mountPath) && !r.capabilities.has("deny") && r.capabilities.size > 0;
    };
    return [...this.exact.values()].some(under) || this.patterns.some(under);
  }

  private bestPattern(path: string): CompiledRule | undefined {
    let best: CompiledRule | undefined;
    for (const rule of this.patterns) {
      if (!rule.regex.test(path)) continue;
      if (!best || comparePriority(rule, best) > 0) best = rule;
    }
    return best;
  }
}

/**
 * Parses the policy HCL Vault's sys/policy API takes, limited to `path "<p>" { capabilities = [...] }` blocks
 * (parameter constraints and wrapping TTLs are not modelled).
 */
export function parsePolicyHcl(hcl: string): VaultPolicyRule[] {
  const rules: VaultPolicyRule[] = [];
  const withoutComments = hcl.replace(/(^|\s)(#|\/\/)[^\n]*/g, "$1");
  const block = /path\s+"([^"]+)"\s*\{([^}]*)\}/g;
  for (const match of withoutComments.matchAll(block)) {
    const caps = /capabilities\s*=\s*\[([^\]]*)\]/.exec(match[2] ?? "");
    const capabilities = caps?.[1] ? [...caps[1].matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? "") : [];
    rules.push({ path: match[1] ?? "", capabilities });
  }
  if (rules.length === 0 && hcl.trim()) throw new Error("Failed to parse policy: no path blocks found.");
  return rules;
}

export function policyRules(policy: VaultPolicyRule[] | string): VaultPolicyRule[] {
  return typeof policy === "string" ? parsePolicyHcl(policy) : policy;
}

/** The subset of Vault's built-in "default" policy that touches what the emulator serves. */
export const DEFAULT_POLICY: VaultPolicyRule[] = [
  { path: "auth/token/lookup-self", capabilities: ["read"] },
  { path: "auth/token/renew-self", capabilities: ["update"] },
  { path: "auth/token/revoke-self", capabilities: ["update"] },
  { path: "sys/capabilities-self", capabilities: ["update"] },
  { path: "sys/internal/ui/resultant-acl", capabilities: ["read"] },
  { path: "cubbyhole/*", capabilities: ["create", "read", "update", "delete", "list"] },
];
