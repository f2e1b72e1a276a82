import "server-only";
// Saving a connection's credential fields: a literal is encrypted under the connection's data key; a
// template (text with {{workato:sm:…}} references) is stored together with the provider configuration active
// when it was saved, and indexed in SecretUsage (secret → connection and field). A template's text around its
// references is a literal too: the `template` column holds the masked text (references kept, literal parts
// "••••") and the whole template is encrypted under the data key (docs/threat-model.md).
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { decryptValue, encryptValue, unwrapDataKey } from "@/lib/crypto/envelope";
import { getMasterKey } from "@/lib/crypto/keyring";
import { hasReference, maskTemplate, parseTemplate, ReferenceParseError, TEMPLATE_MASK } from "@/lib/secrets/references";
import { secretIdentity } from "@/lib/secrets/secret-key";
import { formatReference } from "@/lib/secrets/references";
import type { ProviderKind } from "@/lib/secrets/types";
import { FIELD_LABELS, PEM_FIELDS, type ConnectionType, type CredentialFieldName } from "@/lib/connections/types";
import { destinationKeyOf } from "@/lib/connections/destination";
import { parsePem, PemError } from "@/lib/connections/pem";
import { activeConfigFor } from "./active-config";
import type { CredentialChange } from "@/lib/views/connections";

type Tx = Prisma.TransactionClient;

export interface ConnectionRef {
  id: number;
  workspaceId: number;
  projectId: number;
  wrappedDataKey: Uint8Array;
}

/**
 * Returns how each changed field was stored (for the audit event): never the value. Each value set is bound
 * to the destination it was entered for (lib/connections/destination.ts): by default the connection's
 * settings as they stand in this transaction.
 */
export async function saveCredentialFields(
  tx: Tx,
  connection: ConnectionRef,
  changes: Partial<Record<CredentialFieldName, CredentialChange>>,
  bindTo?: string,
): Promise<Record<string, "literal" | "template" | "cleared">> {
  const stored: Record<string, "literal" | "template" | "cleared"> = {};
  const destination = bindTo ?? (await currentDestination(tx, connection.id));
  let dataKey: Buffer | undefined;
  for (const [name, change] of Object.entries(changes) as Array<[CredentialFieldName, CredentialChange]>) {
    if (change.mode === "keep") continue;
    await tx.secretUsage.deleteMany({ where: { connectionId: connection.id, fieldName: name } });
    if (change.mode === "clear") {
      await tx.credentialField.deleteMany({ where: { connectionId: connection.id, name } });
      stored[name] = "cleared";
      continue;
    }
    const where = { connectionId_name: { connectionId: connection.id, name } };
    if (hasReference(change.value)) {
      const active = await activeConfigFor(connection.workspaceId, connection.projectId, tx);
      if (!active) {
        throw new AppError(
          "VALIDATION",
          "No secrets provider is active for this project: configure one under Secrets management, or enter the value itself.",
          name,
        );
      }
      const refs = parseFieldTemplate(name, change.value, active.kind as ProviderKind);
      if (change.value.includes(TEMPLATE_MASK))
        throw new AppError("VALIDATION", `${FIELD_LABELS[name]}: ${TEMPLATE_MASK} stands for text that is stored encrypted: re-enter the whole value.`, name);
      const masked = maskTemplate(change.value);
      dataKey ??= unwrapDataKey(connection.wrappedDataKey, getMasterKey());
      const enc = masked === change.value ? { ciphertext: null, iv: null, tag: null } : encryptValue(change.value, dataKey, fieldAad(connection.id, name));
      const data = { mode: "template", template: masked, providerConfigId: active.id, ...enc, destination };
      await tx.credentialField.upsert({ where, create: { connectionId: connection.id, name, ...data }, update: data });
      await tx.secretUsage.createMany({
        data: refs.map((ref) => ({
          workspaceId: connection.workspaceId,
          projectId: connection.projectId,
          connectionId: connection.id,
          fieldName: name,
          providerConfigId: active.id,
          secretId: secretIdentity(ref),
          reference: formatReference(ref),
        })),
      });
      stored[name] = "template";
    } else {
      const value = PEM_FIELDS[name] ? pemOrFieldError(name, change.value) : change.value;
      dataKey ??= unwrapDataKey(connection.wrappedDataKey, getMasterKey());
      const enc = encryptValue(value, dataKey, fieldAad(connection.id, name));
      const data = { mode: "literal", template: null, providerConfigId: null, ...enc, destination };
      await tx.credentialField.upsert({ where, create: { connectionId: connection.id, name, ...data }, update: data });
      stored[name] = "literal";
    }
  }
  return stored;
}

/** Binds a field's ciphertext to its row: a copy in another connection or field does not decrypt. */
export const fieldAad = (connectionId: number, name: string) => `connection:${connectionId}:${name}`;

/** A template field's full text: decrypted when it has literal parts, else the stored text itself. */
export function fullTemplate(
  field: { template: string | null; ciphertext: Uint8Array<ArrayBuffer> | null; iv: Uint8Array<ArrayBuffer> | null; tag: Uint8Array<ArrayBuffer> | null },
  connectionId: number,
  name: string,
  dataKey: () => Buffer,
): string {
  if (!field.ciphertext || !field.iv || !field.tag) return field.template ?? "";
  return decryptValue({ ciphertext: field.ciphertext, iv: field.iv, tag: field.tag }, dataKey(), fieldAad(connectionId, name));
}

async function currentDestination(tx: Tx, connectionId: number): Promise<string> {
  const row = await tx.connection.findUniqueOrThrow({ where: { id: connectionId }, select: { type: true, settings: true } });
  return destinationKeyOf(row.type as ConnectionType, row.settings as Record<string, unknown>);
}

function parseFieldTemplate(field: CredentialFieldName, value: string, kind: ProviderKind) {
  try {
    return parseTemplate(value, kind).refs;
  } catch (err) {
    if (err instanceof ReferenceParseError) throw new AppError("VALIDATION", `${FIELD_LABELS[field]}: ${err.message}`, field);
    throw err;
  }
}

function pemOrFieldError(field: CredentialFieldName, value: string): string {
  try {
    return parsePem(field, PEM_FIELDS[field]!, value);
  } catch (err) {
    if (err instanceof PemError) throw new AppError("VALIDATION", err.message, field);
    throw err;
  }
}
