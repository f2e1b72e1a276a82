// What a destructive change breaks (docs/scopes.md "Impact before anything breaks"): the exact connection
// fields and workflow secrets that resolve now and will not after the change, and the workflows that read them.
import type { CredentialFieldName } from "@/lib/connections/types";

export type ImpactChange =
  /** Replacing (or retiring) the owner's current provider configuration. */
  | { kind: "provider-replace" }
  /** Removing one entry of the owner's reference policy. */
  | { kind: "policy-entry-remove"; entryId: number }
  /** Clearing template fields of one connection. */
  | { kind: "field-remove"; connectionId: number; fieldNames: CredentialFieldName[] }
  /** Switching the workspace between workspace and project scope. */
  | { kind: "scope-switch" }
  /** Bulk re-point: fields that move to the active configuration (they do not resolve now). */
  | { kind: "repoint" };

export interface ImpactField {
  connectionId: number;
  connectionName: string;
  projectId: number;
  projectName: string;
  fieldName: CredentialFieldName;
}

export interface ImpactWorkflowSecret {
  projectId: number;
  projectName: string;
  name: string;
}

export interface ImpactWorkflow {
  workflowId: number;
  projectId: number;
  projectName: string;
  namespace: string;
  name: string;
  /** The affected workflow secret names its current revision reads. */
  secrets: string[];
}

export interface ImpactReport {
  fields: ImpactField[];
  /** Distinct connections among `fields`. */
  connectionCount: number;
  workflowSecrets: ImpactWorkflowSecret[];
  workflows: ImpactWorkflow[];
  /** Fingerprint of the lists: the confirmation sends it back and the server refuses if the impact changed. */
  token: string;
}

export function isEmptyImpact(report: ImpactReport): boolean {
  return report.fields.length === 0 && report.workflowSecrets.length === 0;
}
