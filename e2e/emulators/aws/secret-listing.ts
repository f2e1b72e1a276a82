// ListSecrets and DescribeSecret, plus the filter/paging logic BatchGetSecretValue's Filters form reuses.
// Filters follow the API reference: `name` prefix match (case-sensitive), `description` prefix match
// (case-insensitive), `all` word match; a leading `!` negates; values OR, filters AND.
import type { SmContext } from "./secrets-manager";
import { jsonError, jsonOk, type HttpReply } from "./http-reply";
import { isAllowed, notAuthorizedMessage } from "./policy";
import type { SecretRecord } from "./state";
import { rotationFields } from "./rotation-ops";

const FILTER_KEYS = ["description", "name", "tag-key", "tag-value", "primary-region", "owning-service", "all"];

interface Filter {
  Key: string;
  Values: string[];
}

interface ListInput {
  filters: Filter[];
  maxResults: number;
  offset: number;
  sortOrder: "asc" | "desc";
}

export function parseListInput(input: Record<string, unknown>, defaultMax: number): ListInput | { reply: HttpReply } {
  const { MaxResults, NextToken, Filters, SortOrder } = input;
  if (MaxResults !== undefined && (!Number.isInteger(MaxResults) || (MaxResults as number) < 1 || (MaxResults as number) > 100)) {
    return validation(`Value '${String(MaxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100`);
  }
  const filters = (Filters ?? []) as Filter[];
  if (!Array.isArray(filters) || filters.length > 10)
    return validation("Value at 'filters' failed to satisfy constraint: Member must have length less than or equal to 10");
  for (const f of filters) {
    if (!FILTER_KEYS.includes(f?.Key)) {
      return validation(
        `Value '${String(f?.Key)}' at 'filters.1.member.key' failed to satisfy constraint: Member must satisfy enum value set: [${FILTER_KEYS.join(", ")}]`,
      );
    }
    if (!Array.isArray(f.Values) || f.Values.length < 1 || f.Values.length > 10) {
      return { reply: jsonError(400, "InvalidParameterException", "Invalid filter values: each filter needs 1 to 10 values.") };
    }
  }
  let offset = 0;
  if (NextToken !== undefined) {
    const decoded = /^o:(\d+)$/.exec(Buffer.from(String(NextToken), "base64").toString("utf8"));
    if (!decoded) return { reply: jsonError(400, "InvalidNextTokenException", "The NextToken value is invalid.") };
    offset = Number(decoded[1]);
  }
  const sortOrder = SortOrder === "desc" ? "desc" : "asc";
  return { filters, maxResults: (MaxResults as number | undefined) ?? defaultMax, offset, sortOrder };
}

const validation = (detail: string) => ({
  reply: jsonError(400, "ValidationException", `1 validation error detected: ${detail}`, "message"),
});

export function filterSecrets(ctx: SmContext, filters: Filter[], includePlannedDeletion = false): SecretRecord[] {
  return ctx.state
    .listedSecrets()
    .filter((s) => s.region === ctx.region && s.accountId === ctx.caller.accountId)
    .filter((s) => includePlannedDeletion || s.deletedDate === undefined)
    .filter((s) => filters.every((f) => f.Values.some((v) => matches(s, f.Key, v))));
}

function matches(secret: SecretRecord, key: string, rawValue: string): boolean {
  const negate = rawValue.startsWith("!");
  const value = negate ? rawValue.slice(1) : rawValue;
  let hit: boolean;
  switch (key) {
    case "name":
      hit = secret.name.startsWith(value);
      break;
    case "description":
      hit = (secret.description ?? "").toLowerCase().startsWith(value.toLowerCase());
      break;
    case "all": {
      const words = value
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean);
      const haystack = `${secret.name} ${secret.description ?? ""}`.toLowerCase();
      hit = words.some((w) => haystack.includes(w));
      break;
    }
    default:
      hit = false; // no tags, replication or owning services in the emulator's world
  }
  return negate ? !hit : hit;
}

export function listPage(secrets: SecretRecord[], input: ListInput): { items: SecretRecord[]; nextToken?: string } {
  const sorted = [...secrets].sort((a, b) => a.createdDate - b.createdDate);
  if (input.sortOrder === "desc") sorted.reverse();
  const items = sorted.slice(input.offset, input.offset + input.maxResults);
  const next = input.offset + input.maxResults;
  return { items, nextToken: next < sorted.length ? Buffer.from(`o:${next}`).toString("base64") : undefined };
}

function metadata(secret: SecretRecord): Record<string, unknown> {
  return {
    ARN: secret.arn,
    Name: secret.name,
    ...(secret.description !== undefined ? { Description: secret.description } : {}),
    ...(secret.kmsKeyId !== undefined ? { KmsKeyId: secret.kmsKeyId } : {}),
    LastChangedDate: secret.lastChangedDate / 1000,
    CreatedDate: secret.createdDate / 1000,
    ...rotationFields(secret),
  };
}

const versionsToStages = (s: SecretRecord) => Object.fromEntries(s.versions.map((v) => [v.versionId, [...v.stages]]));

export function listSecrets(ctx: SmContext): HttpReply {
  if (!isAllowed(ctx.statements, "secretsmanager:ListSecrets", "*")) {
    return jsonError(400, "AccessDeniedException", notAuthorizedMessage(ctx.caller.arn, "secretsmanager:ListSecrets"));
  }
  const parsed = parseListInput(ctx.input, 100);
  if ("reply" in parsed) return parsed.reply;
  const page = listPage(filterSecrets(ctx, parsed.filters, ctx.input.IncludePlannedDeletion === true), parsed);
  return jsonOk({
    SecretList: page.items.map((s) => ({ ...metadata(s), SecretVersionsToStages: versionsToStages(s) })),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  });
}

export function describeSecret(ctx: SmContext): HttpReply {
  const found = secretForMetadata(ctx, "secretsmanager:DescribeSecret");
  if ("reply" in found) return found.reply;
  return jsonOk({ ...metadata(found.secret), VersionIdsToStages: versionsToStages(found.secret) });
}

/** ListSecretVersionIds: versions with staging labels (all with IncludeDeprecated), newest first, never values. */
export function listSecretVersionIds(ctx: SmContext): HttpReply {
  const found = secretForMetadata(ctx, "secretsmanager:ListSecretVersionIds");
  if ("reply" in found) return found.reply;
  const parsed = parseListInput({ MaxResults: ctx.input.MaxResults, NextToken: ctx.input.NextToken }, 100);
  if ("reply" in parsed) return parsed.reply;
  const versions = [...found.secret.versions]
    .filter((v) => ctx.input.IncludeDeprecated === true || v.stages.length > 0)
    .sort((a, b) => b.createdDate - a.createdDate);
  const items = versions.slice(parsed.offset, parsed.offset + parsed.maxResults);
  const next = parsed.offset + parsed.maxResults;
  return jsonOk({
    ARN: found.secret.arn,
    Name: found.secret.name,
    Versions: items.map((v) => ({ VersionId: v.versionId, VersionStages: [...v.stages], CreatedDate: v.createdDate / 1000 })),
    ...(next < versions.length ? { NextToken: Buffer.from(`o:${next}`).toString("base64") } : {}),
  });
}

/** IAM on the secret's ARN (or the ARN the id names), then existence: the order DescribeSecret checks in. */
function secretForMetadata(ctx: SmContext, action: string): { secret: SecretRecord } | { reply: HttpReply } {
  const id = ctx.input.SecretId;
  if (typeof id !== "string" || !id) {
    return {
      reply: jsonError(
        400,
        "ValidationException",
        "1 validation error detected: Value null at 'secretId' failed to satisfy constraint: Member must not be null",
        "message",
      ),
    };
  }
  const secret = ctx.state.findSecret(id, ctx.region, ctx.caller.accountId);
  const resource = secret?.arn ?? (id.startsWith("arn:") ? id : `arn:aws:secretsmanager:${ctx.region}:${ctx.caller.accountId}:secret:${id}`);
  if (!isAllowed(ctx.statements, action, resource)) {
    return { reply: jsonError(400, "AccessDeniedException", notAuthorizedMessage(ctx.caller.arn, action, resource)) };
  }
  if (!secret) return { reply: jsonError(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.") };
  return { secret };
}
