// One fixture per server action: the form fields the matrix and the fuzz test send it. Authorization reads the
// ids (workspaceId, projectId, …), so those are real; the other fields only need to get past authorization
// (invalid values come back as field errors, which count as "allowed"). `$name` is replaced with the world's id
// of that name (surface.ts). A new action without a fixture fails authorization-matrix.spec.ts: add it here.
// Fixtures aim destructive actions at throwaway rows (a victim connection, a bystander user, a spare token).

import { API_TOKEN_ARN } from "../connections/support";

const WS = { workspaceId: "$workspaceId" };
const PROJECT = { ...WS, projectId: "$projectId" };

export const ACTION_FIXTURES: Record<string, Record<string, string>> = {
  signInAction: { email: "nobody@e2e.keyhold.local", password: "not-the-password-1" },
  completeSetupAction: { setupToken: "not-the-token", email: "x@e2e.keyhold.local", password: "" },
  changePasswordAction: { currentPassword: "not-the-password-1", newPassword: "", confirmPassword: "" },
  confirmPasswordAction: { password: "not-the-password-1" },
  signOutAction: {},
  createWorkspaceAction: { ...WS, name: "" },
  createProjectAction: { ...WS, name: "" },
  verifyAuditChainAction: WS,
  refreshConnectionAction: { ...PROJECT, connectionId: "$connectionId" },
  testConnectionAction: { ...PROJECT, connectionId: "$connectionId" },
  deleteConnectionAndLeaveAction: { ...PROJECT, connectionId: "$victimConnectionId" },
  deleteConnectionAction: { ...PROJECT, connectionId: "$victimConnectionId" },
  saveConnectionAction: { ...PROJECT, name: "" },
  addReferencePolicyEntryAction: { ...WS, secretPattern: "" },
  removeReferencePolicyEntryAction: { ...WS, entryId: "999999" },
  dismissPolicyNoticeAction: WS,
  saveProviderConfigAction: { ...WS, kind: "" },
  testProviderConfigAction: WS,
  saveWorkflowAction: { ...PROJECT, source: "" },
  setAllowedHostsAction: { ...PROJECT, workflowId: "$workflowId", hosts: "" },
  startRunAction: { ...PROJECT, workflowId: "$workflowId", input: "{}" },
  cancelRunAction: { ...PROJECT, runId: "$runId" },
  saveWorkflowSecretAction: { ...PROJECT, name: "" },
  deleteWorkflowSecretAction: { ...PROJECT, name: "" },
  updateCacheSettingsAction: WS,
  clearSecretsCacheAction: WS,
  updateEgressAllowListAction: WS,
  createApiTokenAction: { ...WS, name: "", scopes: "admin" },
  revokeApiTokenAction: { ...WS, tokenId: "$tokenId" },
  switchSecretsScopeAction: WS,
  repointReferencesAction: WS,
  addUserAction: { ...WS, email: "" },
  changeUserRolesAction: { ...WS, userId: "$userId", workspaceRole: "member" },
  setUserActiveAction: { ...WS, userId: "$userId", active: "true" },
  startRetestJobAction: WS,
  cancelBulkJobAction: { ...WS, jobId: "999999" },
  updateRotationSettingsAction: { ...WS, rotationPollSeconds: "" },
  createOnPremGroupAction: { ...WS, name: "" },
  createAgentKeyAction: { ...WS, groupId: "999999", name: "" },
  revokeAgentKeyAction: { ...WS, keyId: "999999" },
  proposeHostAction: { ...PROJECT, workflowId: "$workflowId", pattern: "" },
  decideHostAction: { ...PROJECT, proposalId: "999999", decision: "decline" },
  deleteWorkflowAction: { ...PROJECT, workflowId: "999999" },
};

export function fixtureFor(action: string, ids: Record<string, string | number>): Record<string, string> | undefined {
  const fixture = ACTION_FIXTURES[action];
  if (!fixture) return undefined;
  return Object.fromEntries(Object.entries(fixture).map(([k, v]) => [k, v.startsWith("$") ? String(ids[v.slice(1)]) : v]));
}

/** Query strings route handlers need to get past their own validation to the authorization under test. */
export const ROUTE_QUERIES: Record<string, string> = {
  "/api/v1/workspaces/[workspaceId]/secrets/keys": `?id=${encodeURIComponent(API_TOKEN_ARN)}`,
  "/api/workspaces/[workspaceId]/audit/export": "?format=json",
};
