// Key selection runs after the fetch (one provider call serves every key of a secret, see secret-key.ts).
// Errors name keys and secrets only: a payload's values never reach a message.
import { keyNotFound } from "./errors";
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
 * AWS SecretBinary is opaque bytes: text that is valid UTF-8 (a PEM, a password) is used as is; anything else
 * (a DER key, a keystore) is passed on base64-encoded, the form connection fields accept for binary material.
 */
function binaryValue(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return Buffer.from(bytes).toString("base64");
  }
}

function textOf(payload: SecretPayload): string {
  return "text" in payload ? payload.text : utf8.decode(payload.binary);
}

export function selectValue(ref: SecretRef, payload: SecretPayload): string {
  switch (ref.kind) {
    case "aws": {
      const name = awsSecretNameFromArn(ref.arn);
      if ("binary" in payload) {
        if (ref.key !== name) throw keyNotFound(ref.key, name, []);
        return binaryValue(payload.binary);
      }
      const object = asJsonObject(payload.text);
      if (object) return pick(object, ref.key, name);
      // A plain-text secret has no keys: docs/formats.md has the reference name the secret itself to take it whole.
      if (ref.key !== name) throw keyNotFound(ref.key, name, []);
      return payload.text;
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
