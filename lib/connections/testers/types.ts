import type { EgressPolicy } from "@/lib/connections/egress/modes";
import type { CredentialFieldName } from "@/lib/connections/types";

export interface TargetReport {
  ok: boolean;
  ms: number;
  /** What the target said, in the admin's words; never a credential. */
  message: string;
}

export interface TesterInput {
  settings: Record<string, unknown>;
  values: Partial<Record<CredentialFieldName, string>>;
  egress: EgressPolicy;
  timeoutMs: number;
}

export type Tester = (input: TesterInput) => Promise<TargetReport>;
