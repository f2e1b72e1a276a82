// What admins type into the provider forms. Write-only secrets (client secret, AppRole secret id,
// service-account key) are optional on edit: empty means "keep the stored one".
// zod/mini: these schemas also validate in the browser (the provider forms), where full zod would cost 35 kB.
import { z } from "zod/mini";
import { fieldErrorsOf } from "./field-errors";
import { ROLE_ARN_MESSAGE, ROLE_ARN_PATTERN } from "@/lib/secrets/contracts/aws-arn";
import { checkAwsRegion, unknownRegionMessage } from "@/lib/secrets/contracts/aws-regions";
import { PROVIDER_KINDS, type ProviderConfig, type ProviderKind, type ProviderOwner } from "@/lib/secrets/types";

const trimmed = (...checks: Parameters<ReturnType<typeof z.string>["check"]>) => z.string().check(z.trim(), ...checks);
const guid = trimmed(z.regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, "Use the GUID shown in the Azure portal."));
const httpUrl = z.url({ protocol: /^https?$/, error: "Enter a full URL, e.g. https://vault.example.com:8200." });
const blankToUndefined = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
const optionalSecret = z.pipe(z.optional(z.string().check(z.maxLength(20_000))), z.transform(blankToUndefined));
const optionalText = (...checks: Parameters<ReturnType<typeof z.string>["check"]>) =>
  z.pipe(
    z.optional(trimmed(...checks)),
    z.transform((v: string | undefined) => v || undefined),
  );

/** The AWS guide's secret name prefix: a new configuration's reference policy starts from it (docs/threat-model.md). */
const awsPrefixSchema = optionalText(z.maxLength(500), z.regex(/^[A-Za-z0-9_.@/+=-]*$/, "Letters, digits and / _ + = . @ - only, as in AWS secret names."));

export const awsSettingsSchema = z.object({
  roleArn: trimmed(z.regex(ROLE_ARN_PATTERN, ROLE_ARN_MESSAGE)),
  // The shape of a region id only; whether the SDK knows it is checked on save (checkAwsRegionField).
  region: trimmed(z.regex(/^[a-z]{2,5}(-[a-z]+){1,3}-\d{1,2}$/, "Enter an AWS region like us-east-1.")),
});

const azureSettingsSchema = z.object({
  tenantId: guid,
  clientId: guid,
  vaultUrl: httpUrl.check(z.refine((u) => u.startsWith("https://"), "Key Vault URLs use https://.")),
});
const azureAuthSchema = z.object({ clientSecret: optionalSecret });

const vaultSettingsSchema = z.object({
  address: httpUrl,
  namespace: optionalText(z.maxLength(200), z.regex(/^[\w./-]*$/, "Letters, digits, '.', '_', '-' and '/' only.")),
  approleMount: z._default(trimmed(z.regex(/^[\w-]+(\/[\w-]+)*$/, "A mount path like approle.")), "approle"),
  roleId: trimmed(z.minLength(1, "Enter the AppRole role ID."), z.maxLength(200)),
  roleName: optionalText(z.maxLength(200), z.regex(/^[\w.-]*$/, "Letters, digits, '.', '_' and '-' only.")),
});
const vaultAuthSchema = z.object({ secretId: optionalSecret });

const gcpSettingsSchema = z.object({
  projectId: trimmed(z.regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "Enter a Google Cloud project ID like my-project-123.")),
});
const gcpAuthSchema = z.object({
  serviceAccountJson: optionalSecret.check(
    z.refine((v) => v === undefined || isServiceAccountKey(v), "Paste the whole service-account key file (JSON with client_email and private_key)."),
  ),
});

function isServiceAccountKey(text: string): boolean {
  try {
    const key = JSON.parse(text) as Record<string, unknown>;
    return typeof key.client_email === "string" && typeof key.private_key === "string";
  } catch {
    return false;
  }
}

const connectionTypeSchema = z.pipe(
  z.optional(z.string().check(z.regex(/^\d{0,9}$/))),
  z.transform((v: string | undefined) => (v ? Number(v) : null)),
);

const storedSecret = z.string().check(z.minLength(1));
const storedAuth = {
  azure: z.object({ clientSecret: storedSecret }),
  vault: z.object({ secretId: storedSecret }),
  gcp: z.object({ serviceAccountJson: storedSecret }),
};

/** Stored settings and decrypted auth back into a typed configuration; a corrupt row fails loudly here. */
export function toProviderConfig(kind: string, owner: ProviderOwner, settings: unknown, auth: unknown): ProviderConfig {
  switch (kind) {
    case "aws":
      return { kind, owner, settings: awsSettingsSchema.parse(settings) };
    case "azure":
      return { kind, owner, settings: azureSettingsSchema.parse(settings), auth: storedAuth.azure.parse(auth) };
    case "vault":
      return { kind, owner, settings: vaultSettingsSchema.parse(settings), auth: storedAuth.vault.parse(auth) };
    case "gcp":
      return { kind, owner, settings: gcpSettingsSchema.parse(settings), auth: storedAuth.gcp.parse(auth) };
    default:
      throw new Error(`Unknown provider kind ${kind}.`);
  }
}

type ParsedProviderForm =
  | {
      success: true;
      data: {
        kind: ProviderKind;
        settings: Record<string, unknown>;
        auth?: Record<string, string>;
        confirmReplace: boolean;
        policyPrefix?: string;
        onPremGroupId?: number | null;
      };
    }
  | { success: false; fieldErrors: Record<string, string[] | undefined> };

/** One parser for the four provider forms; empty write-only fields keep what is stored. */
export function parseProviderForm(form: Record<string, unknown>): ParsedProviderForm {
  const kind = z.enum(PROVIDER_KINDS).safeParse(form.kind);
  if (!kind.success) return { success: false, fieldErrors: { kind: ["Choose a provider."] } };
  const confirmReplace = form.confirmReplace === "true";
  const pick = <S extends z.ZodMiniType, A extends z.ZodMiniType | null>(settingsSchema: S, authSchema: A) => {
    const settings = settingsSchema.safeParse(form);
    const auth = authSchema ? authSchema.safeParse(form) : null;
    const errors = { ...(settings.success ? {} : fieldErrorsOf(settings.error)), ...(auth && !auth.success ? fieldErrorsOf(auth.error) : {}) };
    if (!settings.success || (auth && !auth.success)) return { success: false as const, fieldErrors: errors as Record<string, string[]> };
    const authData = auth?.success
      ? (Object.fromEntries(Object.entries(auth.data as Record<string, unknown>).filter(([, v]) => v !== undefined)) as Record<string, string>)
      : {};
    return {
      success: true as const,
      data: { kind: kind.data, settings: settings.data as Record<string, unknown>, auth: Object.keys(authData).length ? authData : undefined, confirmReplace },
    };
  };
  // Connection type (aws, azure, vault): "" is Cloud, else an on-prem group id (whose workspace the save checks).
  const withGroup = (parsed: ParsedProviderForm): ParsedProviderForm => {
    const group = connectionTypeSchema.safeParse(form.onPremGroupId);
    if (!group.success)
      return { success: false, fieldErrors: { ...(parsed.success ? {} : parsed.fieldErrors), onPremGroupId: ["Choose Cloud or an on-prem group."] } };
    return parsed.success ? { success: true, data: { ...parsed.data, onPremGroupId: group.data } } : parsed;
  };
  switch (kind.data) {
    case "aws": {
      const parsed = checkAwsRegionField(pick(awsSettingsSchema, null), form.allowUnknownRegion === "true");
      const prefix = awsPrefixSchema.safeParse(form.secretNamePrefix);
      if (parsed.success && !prefix.success) return { success: false, fieldErrors: { secretNamePrefix: prefix.error.issues.map((i) => i.message) } };
      return withGroup(parsed.success && prefix.data ? { success: true, data: { ...parsed.data, policyPrefix: prefix.data } } : parsed);
    }
    case "azure":
      return withGroup(pick(azureSettingsSchema, azureAuthSchema));
    case "vault":
      return withGroup(pick(vaultSettingsSchema, vaultAuthSchema));
    case "gcp":
      return pick(gcpSettingsSchema, gcpAuthSchema);
  }
}

/**
 * A region the SDK does not know is refused unless the admin ticked "Use it anyway": usually a typo that would
 * time out against an endpoint that does not resolve, sometimes a region newer than the SDK.
 */
function checkAwsRegionField(parsed: ParsedProviderForm, allowUnknown: boolean): ParsedProviderForm {
  if (!parsed.success || allowUnknown) return parsed;
  const region = String(parsed.data.settings.region);
  const check = checkAwsRegion(region);
  return check.known ? parsed : { success: false, fieldErrors: { region: [unknownRegionMessage(region, check.suggestions)] } };
}
