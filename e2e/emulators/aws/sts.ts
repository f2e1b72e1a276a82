// STS's Query protocol: form-encoded Action=...&Version=2011-06-15 in, XML out. AssumeRole checks the trust
// policy (principal and sts:ExternalId) and the parameter constraints from the API reference, then issues
// temporary credentials the Secrets Manager side will accept.
import { createHash } from "node:crypto";
import { escapeXml, STS_NAMESPACE, xmlError, type HttpReply } from "./http-reply";
import { trustAllows, type Caller } from "./policy";
import type { AwsEmulatorState } from "./state";

interface StsContext {
  state: AwsEmulatorState;
  caller: Caller;
  params: URLSearchParams;
  requestId: string;
}

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

export function stsParams(body: Buffer, url: string): URLSearchParams {
  const query = url.includes("?") ? url.slice(url.indexOf("?") + 1) : "";
  const params = new URLSearchParams(query);
  for (const [k, v] of new URLSearchParams(body.toString("utf8"))) params.set(k, v);
  return params;
}

export function handleSts(ctx: StsContext): HttpReply {
  const action = ctx.params.get("Action");
  if (ctx.params.get("Version") !== "2011-06-15") {
    return xmlError(
      400,
      "InvalidAction",
      `Could not find operation ${action ?? ""} for version ${ctx.params.get("Version") ?? "NO_VERSION_SPECIFIED"}`,
      ctx.requestId,
    );
  }
  if (action === "AssumeRole") return assumeRole(ctx);
  if (action === "GetCallerIdentity") return getCallerIdentity(ctx);
  return xmlError(400, "InvalidAction", `Could not find operation ${action ?? ""} for version 2011-06-15`, ctx.requestId);
}

function validation(ctx: StsContext, detail: string): HttpReply {
  return xmlError(400, "ValidationError", `1 validation error detected: ${detail}`, ctx.requestId);
}

function assumeRole(ctx: StsContext): HttpReply {
  const { params, state, caller } = ctx;
  const roleArn = params.get("RoleArn") ?? "";
  const sessionName = params.get("RoleSessionName") ?? "";
  const externalId = params.get("ExternalId") ?? undefined;
  if (roleArn.length < 20 || roleArn.length > 2048) {
    return validation(ctx, `Value '${roleArn}' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20`);
  }
  if (!SESSION_NAME.test(sessionName)) {
    return validation(
      ctx,
      `Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  if (externalId !== undefined && !EXTERNAL_ID.test(externalId)) {
    return validation(
      ctx,
      `Value '${externalId}' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*`,
    );
  }
  const role = state.roles.get(roleArn);
  // A missing role and a refused trust look the same, as in AWS: the caller learns nothing about the account.
  if (!role || !trustAllows(role, caller, externalId)) {
    return xmlError(403, "AccessDenied", `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, ctx.requestId);
  }
  const duration = Number(params.get("DurationSeconds") ?? 3600);
  const maxDuration = role.maxSessionDurationSeconds ?? 3600;
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
    return validation(
      ctx,
      `Value '${params.get("DurationSeconds")}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200`,
    );
  }
  if (duration > maxDuration) {
    return xmlError(400, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.", ctx.requestId);
  }
  const session = state.issueSession(roleArn, sessionName, duration);
  const roleId = `AROA${createHash("sha256").update(roleArn).digest("hex").toUpperCase().slice(0, 17)}`;
  const expiration = new Date(session.expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z");
  return xmlOk(
    "AssumeRole",
    `    <AssumedRoleUser>\n      <AssumedRoleId>${roleId}:${escapeXml(sessionName)}</AssumedRoleId>\n` +
      `      <Arn>${escapeXml(session.assumedRoleArn)}</Arn>\n    </AssumedRoleUser>\n` +
      `    <Credentials>\n      <AccessKeyId>${session.accessKeyId}</AccessKeyId>\n` +
      `      <SecretAccessKey>${session.secretAccessKey}</SecretAccessKey>\n` +
      `      <SessionToken>${session.sessionToken}</SessionToken>\n` +
      `      <Expiration>${expiration}</Expiration>\n    </Credentials>\n`,
    ctx.requestId,
  );
}

function getCallerIdentity(ctx: StsContext): HttpReply {
  const userId = ctx.caller.roleArn
    ? `AROA${createHash("sha256").update(ctx.caller.roleArn).digest("hex").toUpperCase().slice(0, 17)}:${ctx.caller.arn.split("/").pop()}`
    : `AIDA${createHash("sha256").update(ctx.caller.arn).digest("hex").toUpperCase().slice(0, 17)}`;
  return xmlOk(
    "GetCallerIdentity",
    `    <Arn>${escapeXml(ctx.caller.arn)}</Arn>\n    <UserId>${userId}</UserId>\n    <Account>${ctx.caller.accountId}</Account>\n`,
    ctx.requestId,
  );
}

function xmlOk(action: string, result: string, requestId: string): HttpReply {
  return {
    status: 200,
    contentType: "text/xml",
    body:
      `<${action}Response xmlns="${STS_NAMESPACE}">\n  <${action}Result>\n${result}  </${action}Result>\n` +
      `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`,
  };
}
