// Key Vault fault kinds that need the authenticated caller and the vault, as the service's own 403 bodies
// name both: ForbiddenByConnection (public network access disabled, private endpoint only), ForbiddenByPolicy
// (an access policy demanding on-behalf-of flow), and an empty list page that still carries a nextLink,
// which the service answers while a listing scans across partitions.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FaultSpec } from "../types";
import { sendJson } from "./http-util";
import type { VaultState } from "./fixture";
import { kvError, type VaultOperation } from "./key-vault";
import type { AccessTokenClaims } from "./tokens";

export const callerOf = (claims: AccessTokenClaims) => `appid=${claims.appid};oid=${claims.oid};iss=${claims.iss}`;

/** Plays a Key Vault-only fault; false when the fault is not one of these (or does not fit the operation). */
export function playVaultFault(
  fault: FaultSpec | undefined,
  op: VaultOperation,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  vault: VaultState,
  claims: AccessTokenClaims,
): boolean {
  const where = `Vault: ${vault.name};location=${vault.location}`;
  switch (fault?.kind) {
    case "forbidden_by_connection":
      kvError(
        res,
        req,
        vault,
        403,
        "Forbidden",
        `Public network access is disabled and request is not from a trusted service nor via an approved private link.\r\nCaller: ${callerOf(claims)}\r\n${where}`,
        "ForbiddenByConnection",
      );
      return true;
    case "forbidden_by_policy":
      kvError(
        res,
        req,
        vault,
        403,
        "Forbidden",
        `The policy requires the caller '${callerOf(claims)}' to use on-behalf-of (OBO) flow. For more information on OBO, please see https://go.microsoft.com/fwlink/?linkid=2152310`,
        "ForbiddenByPolicy",
      );
      return true;
    case "empty_page": {
      if (op === "getSecret") return false;
      // The same position again: the listing must follow nextLink to get the items this page did not carry.
      const host = req.headers.host ?? `${vault.name}.vault.azure.net`;
      const next = `https://${host.includes(":") ? host : `${host}:443`}${url.pathname}${url.search}`;
      sendJson(res, 200, { value: [], nextLink: next }, { "x-ms-keyvault-region": vault.location });
      return true;
    }
    default:
      return false;
  }
}
