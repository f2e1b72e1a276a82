// Key selection runs after the fetch (one provider call serves every key of a secret, see secret-key.ts).
// Errors name keys and secrets only: a payload's values never reach a message.
import { keyNotFound, SecretsError } from "./errors";
import { awsSecretNameFromArn } from "./references";
import type { SecretPayload, SecretRef } from "./types";

type JsonObject = Record<string, unknown>;

function asJsonObject(text: string): JsonObject | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

// Credentials are strings; null means "no value", and the text "null" would be a plausible but wrong password.
function stringify(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function pick(object: JsonObject, key: string, secret: string): string {
  // Own properties only: "constructor" or "__proto__" must not resolve to something inherited.
  if (!Object.hasOwn(object, key)) throw keyNotFound(key, secret, Object.keys(object));
  return stringify(object[key]);
}

const utf8 = new TextDecoder("utf-8");
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * AWS SecretBinary (docs/formats.md "Binary secrets"): bytes that are valid UTF-8 (a PEM or a password stored as
 * binary) are that text; anything else (a DER key, a keystore) is refused, because every connection field takes
 * text and handing on base64 would fail later as a wrong credential, far from its cause.
 */
function binaryValue(bytes: Uint8Array, secret: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new SecretsError({
      code: "invalid_reference",
      category: "configuration",
      message: `The secret ${secret} is binary (SecretBinary) and not UTF-8 text; connection fields take text.`,
      fix: "Store the value as SecretString instead (a PEM, or the text the field expects), or store text bytes (e.g. a PEM file) as SecretBinary.",
    });
  }
}

function textOf(payload: SecretPayload): string {
  return "text" in payload ? payload.text : utf8.decode(payload.binary);
}

export function selectValue(ref: SecretRef, payload: SecretPayload): string {
  switch (ref.kind) {
    case "aws": {
      // The first segment is a JSON key, or else the secret's own name (the ARN's, without its 6-character
      // suffix), which takes the whole secret: docs/formats.md "AWS: key or secret name". A key wins over the name.
      const name = awsSecretNameFromArn(ref.arn);
      if ("binary" in payload) {
        if (ref.key !== name) throw keyNotFound(ref.key, name, []);
        return binaryValue(payload.binary, name);
      }
      const object = asJsonObject(payload.text);
      if (object && Object.hasOwn(object, ref.key)) return stringify(object[ref.key]);
      if (ref.key === name) return payload.text;
      if (object) throw keyNotFound(ref.key, name, Object.keys(object));
      throw keyNotFound(ref.key, name, []);
    }
    case "vault": {
      const display = `${ref.engine}/${ref.path}`;
      const object = asJsonObject(textOf(payload));
      if (!object) throw keyNotFound(ref.key, display, []);
      return pick(object, ref.key, display);
    }
    case "azure":
    case "gcp":
      return textOf(payload);
  }
}
