// PEM fields accept real newlines or literal "\n" escapes (secrets managers often store PEM on one line).
// Normalise, then parse for real, so a bad PEM is refused with the field's name instead of failing later in a
// TLS handshake with an opaque error.
import { createPrivateKey, X509Certificate } from "node:crypto";

export type PemKind = "certificate" | "private_key" | "ca";

export class PemError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "PemError";
  }
}

const LABELS: Record<PemKind, string> = { certificate: "Client certificate", private_key: "Private key", ca: "CA certificate" };

export function normalizePem(text: string): string {
  const unescaped = text.includes("\\n") ? text.replace(/\\r\\n|\\n/g, "\n") : text;
  return `${unescaped.replace(/\r\n/g, "\n").trim()}\n`;
}

/** Normalises and validates; the error names the field, never echoes the content. */
export function parsePem(field: string, kind: PemKind, text: string): string {
  const pem = normalizePem(text);
  const label = LABELS[kind];
  if (!/-----BEGIN [A-Z0-9 ]+-----/.test(pem)) {
    throw new PemError(field, `${label} is not PEM: expected a "-----BEGIN …-----" block.`);
  }
  try {
    if (kind === "private_key") createPrivateKey(pem);
    else for (const block of certificateBlocks(pem)) new X509Certificate(block);
  } catch {
    throw new PemError(field, `${label} could not be parsed: check that the whole PEM block was pasted.`);
  }
  return pem;
}

function certificateBlocks(pem: string): string[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g);
  if (!blocks?.length) throw new Error("no certificate");
  return blocks;
}
