// The one secret an admin names in the Test panel when no connection references this configuration yet: the
// form each provider's secret browser shows (AWS: the secret's ARN; Vault: <engine>:<path>; Azure: the
// secret's name; Google: the secret id), turned into a reference that reads the whole secret. The reference
// grammar does the checking, so a probe is exactly as valid as a reference would be (docs/formats.md).
import { awsSecretNameFromArn, parseReference } from "@/lib/secrets/references";
import type { ProviderKind, SecretRef } from "@/lib/secrets/types";

export const PROBE_FORMS: Readonly<Record<ProviderKind, string>> = {
  aws: "the secret's full ARN",
  vault: "<engine>:<path>, e.g. secret:prod/db",
  azure: "the secret's name",
  gcp: "the secret id",
};

/** Throws ReferenceParseError when the text is not a secret of this provider's form. */
export function probeReference(kind: ProviderKind, text: string): SecretRef {
  const probe = text.trim();
  switch (kind) {
    case "aws":
      return parseReference(`{{workato:sm:${awsSecretNameFromArn(probe)}:${probe}}}`, kind);
    case "vault":
      // Any key: Test reads the whole KV secret and never selects from it.
      return parseReference(`{{workato:sm:_:${probe}}}`, kind);
    case "azure":
    case "gcp":
      return parseReference(`{{workato:sm:${probe}}}`, kind);
  }
}
