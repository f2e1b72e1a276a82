// Azure-specific failures and their fixes (docs/errors.md "Troubleshooting"); classify.ts maps whatever
// @azure/identity, msal-node or @azure/keyvault-secrets threw to one of them. Texts name the vault, app and
// permission; provider text is sanitized first and never carries a secret value.
import { SecretsError, notFound } from "@/lib/secrets/errors";
import { PROVIDER_LABELS } from "@/lib/secrets/types";

export const AZURE_PROVIDER = PROVIDER_LABELS.azure;

export interface AzureErrorContext {
  tenantId: string;
  clientId: string;
  vaultName: string;
  operation: "get" | "list";
  secretName?: string;
  version?: string;
  /** Removes configuration secrets (the client secret) from provider text, as a second line of defence. */
  redact?: (text: string) => string;
}

const roleAssignmentCommand = (ctx: AzureErrorContext) => `az role assignment list --assignee ${ctx.clientId} --all`;
const appCredentialsCommand = (ctx: AzureErrorContext) =>
  `az ad app credential list --id ${ctx.clientId} --query "[].{name:displayName, keyId:keyId, expires:endDateTime}" -o table`;

export function clientSecretExpired(ctx: AzureErrorContext): SecretsError {
  return new SecretsError({
    code: "azure_client_secret_expired",
    category: "authentication",
    message: `The client secret of app ${ctx.clientId} has expired (AADSTS7000222).`,
    fix: "Create a new client secret for the app registration (Certificates & secrets), paste its Value into this configuration, then delete the expired one.",
    command: appCredentialsCommand(ctx),
    snippet: `az ad app credential reset --id ${ctx.clientId} --append --display-name keyhold`,
  });
}

export function invalidClient(ctx: AzureErrorContext, aadCode?: string): SecretsError {
  return new SecretsError({
    code: "azure_invalid_client",
    category: "authentication",
    message: `Microsoft Entra ID rejected the client secret of app ${ctx.clientId}${aadCode ? ` (AADSTS${aadCode})` : ""}.`,
    fix: "Paste the client secret's Value (not its Secret ID) from the app registration's Certificates & secrets, and check the Application (client) ID.",
    command: appCredentialsCommand(ctx),
  });
}

export function unknownTenant(ctx: AzureErrorContext, detail: "tenant" | "app" | { vaultTenant: string }): SecretsError {
  const message =
    detail === "tenant"
      ? `Directory (tenant) ${ctx.tenantId} does not exist in Microsoft Entra ID (AADSTS90002).`
      : detail === "app"
        ? `App ${ctx.clientId} is not registered in directory (tenant) ${ctx.tenantId} (AADSTS700016).`
        : `Vault ${ctx.vaultName} belongs to directory (tenant) ${detail.vaultTenant}, but this configuration names ${ctx.tenantId}.`;
  return new SecretsError({
    code: "azure_unknown_tenant",
    category: "authentication",
    message,
    fix: "Use the Directory (tenant) ID and Application (client) ID shown on the app registration's Overview page, in the tenant that owns the vault.",
    command: `az ad sp show --id ${ctx.clientId} --query "{appId:appId, tenant:appOwnerOrganizationId}"`,
  });
}

export function forbiddenRbac(ctx: AzureErrorContext, action?: string): SecretsError {
  const permission = action ?? `Microsoft.KeyVault/vaults/secrets/${ctx.operation === "get" ? "getSecret" : "readMetadata"}/action`;
  return new SecretsError({
    code: "azure_forbidden_rbac",
    category: "authorization",
    message: `App ${ctx.clientId} lacks the role "Key Vault Secrets User" on vault ${ctx.vaultName} (Azure RBAC denied ${permission}).`,
    fix: `Assign the role "Key Vault Secrets User" to the app's service principal on the vault (or a scope above it); role assignments can take a few minutes to apply.`,
    command: roleAssignmentCommand(ctx),
    snippet: `az role assignment create --role "Key Vault Secrets User" --assignee ${ctx.clientId} --scope $(az keyvault show --name ${ctx.vaultName} --query id -o tsv)`,
    permission,
  });
}

export function forbiddenAccessPolicy(ctx: AzureErrorContext, missing?: string): SecretsError {
  const permission = missing ?? ctx.operation;
  const label = `${permission[0]?.toUpperCase() ?? ""}${permission.slice(1)}`;
  return new SecretsError({
    code: "azure_forbidden_access_policy",
    category: "authorization",
    message: `App ${ctx.clientId} lacks the secret permission ${label} in the access policies of vault ${ctx.vaultName}.`,
    fix: "Add an access policy for the app's service principal with the secret permissions Get and List (Keyhold needs both).",
    command: `az keyvault show --name ${ctx.vaultName} --query "properties.accessPolicies[?objectId=='$(az ad sp show --id ${ctx.clientId} --query id -o tsv)'].permissions.secrets"`,
    snippet: `az keyvault set-policy --name ${ctx.vaultName} --spn ${ctx.clientId} --secret-permissions get list`,
    permission: `secrets/${permission}`,
  });
}

export function forbiddenFirewall(ctx: AzureErrorContext, clientAddress?: string): SecretsError {
  const seen = clientAddress ? ` The vault saw the request from ${clientAddress}.` : "";
  return new SecretsError({
    code: "azure_forbidden_firewall",
    category: "authorization",
    message: `The network rules of vault ${ctx.vaultName} refuse requests from the Keyhold server.${seen}`,
    fix: "Allow the Keyhold server's egress address in the vault's Networking settings (firewall), or reach the vault through a private endpoint from Keyhold's network.",
    command: `az keyvault network-rule list --name ${ctx.vaultName}`,
    snippet: `az keyvault network-rule add --name ${ctx.vaultName} --ip-address ${clientAddress ?? "<keyhold egress IP>"}`,
  });
}

const secretLabel = (ctx: AzureErrorContext) =>
  ctx.version ? `version ${ctx.version} of "${ctx.secretName}" in vault ${ctx.vaultName}` : `"${ctx.secretName}" in vault ${ctx.vaultName}`;

export const listNamesCommand = (vaultName: string) => `az keyvault secret list --vault-name ${vaultName} --query "[].name" -o tsv`;
export const listVersionsCommand = (vaultName: string, name: string) =>
  `az keyvault secret list-versions --vault-name ${vaultName} --name ${name} --query "[].{version:id, enabled:attributes.enabled, updated:attributes.updated}" -o table`;

export function secretNotFound(ctx: AzureErrorContext, suggestions: string[] = []): SecretsError {
  const command = ctx.version && ctx.secretName ? listVersionsCommand(ctx.vaultName, ctx.secretName) : listNamesCommand(ctx.vaultName);
  return notFound(secretLabel(ctx), suggestions, command);
}

/** Public network access is off (private endpoint only): a network matter, no role assignment changes it. */
export function forbiddenByConnection(ctx: AzureErrorContext): SecretsError {
  return new SecretsError({
    code: "azure_forbidden_by_connection",
    category: "authorization",
    message: `Vault ${ctx.vaultName} refuses connections from the public network (public network access is disabled; only approved private endpoints may connect), so the Keyhold server cannot reach it (ForbiddenByConnection).`,
    fix: "Give the Keyhold server a route through a private endpoint of the vault (run Keyhold in, or peer its network with, the virtual network that holds the endpoint, and let it resolve privatelink.vaultcore.azure.net), or set the vault's public network access to “Allow from selected networks” and add Keyhold's egress address. Role assignments do not help here.",
    command: `az keyvault show --name ${ctx.vaultName} --query "{publicNetworkAccess:properties.publicNetworkAccess, privateEndpoints:properties.privateEndpointConnections[].privateEndpoint.id}"`,
    snippet: `az keyvault update --name ${ctx.vaultName} --public-network-access Enabled --default-action Deny\naz keyvault network-rule add --name ${ctx.vaultName} --ip-address <keyhold egress IP>`,
  });
}

/** An access policy entry that names the app together with a user (compound identity: on-behalf-of only). */
export function forbiddenByPolicy(ctx: AzureErrorContext): SecretsError {
  return new SecretsError({
    code: "azure_forbidden_by_policy",
    category: "authorization",
    message: `Vault ${ctx.vaultName}'s access policy lets app ${ctx.clientId} in only on behalf of a signed-in user (a compound identity), and Keyhold signs in as the app alone (ForbiddenByPolicy).`,
    fix: "Add an access policy for the app's service principal by itself (no “authorized application”), with the secret permissions Get and List, or move the vault to Azure RBAC and assign “Key Vault Secrets User”.",
    command: `az keyvault show --name ${ctx.vaultName} --query "properties.accessPolicies[?applicationId=='${ctx.clientId}']"`,
    snippet: `az keyvault set-policy --name ${ctx.vaultName} --spn ${ctx.clientId} --secret-permissions get list`,
  });
}
