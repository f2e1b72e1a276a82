import type { CredentialFieldName } from "../types";

export interface TargetReport {
  ok: boolean;
  ms: number;
  /** What the target said, in the admin's words; never a credential. */
  message: string;
}

export interface TesterInput {
  settings: Record<string, unknown>;
  values: Partial<Record<CredentialFieldName, string>>;
  allowList: readonly string[];
  timeoutMs: number;
}

export type Tester = (input: TesterInput) => Promise<TargetReport>;
