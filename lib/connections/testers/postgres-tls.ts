// The TLS options of a PostgreSQL test: the server's CA and an optional client certificate and key, each
// literal or resolved from a secret, normalised (secrets managers often store PEM with literal "\n") and
// parsed before the handshake, so a bad PEM is refused by field name instead of as an opaque TLS error.
import type { ConnectionOptions } from "node:tls";
import type { CredentialFieldName } from "../types";
import { parsePem, PemError } from "../pem";

export type PostgresSsl = false | (ConnectionOptions & { rejectUnauthorized: boolean });

/** The `ssl` option for pg, or a message saying which field is wrong. Never echoes a value. */
export function postgresSsl(
  sslMode: string,
  servername: string,
  values: Partial<Record<CredentialFieldName, string>>,
): { ok: true; ssl: PostgresSsl } | { ok: false; message: string } {
  const hasCert = Boolean(values.certificate);
  const hasKey = Boolean(values.private_key);
  if (sslMode === "disable") {
    if (hasCert || hasKey) return { ok: false, message: "A client certificate needs TLS: choose an SSL mode other than “disable”." };
    return { ok: true, ssl: false };
  }
  if (hasCert !== hasKey) {
    return {
      ok: false,
      message: `Client certificate authentication needs both the certificate and its private key; the ${hasCert ? "private key" : "certificate"} is missing.`,
    };
  }
  try {
    return {
      ok: true,
      ssl: {
        rejectUnauthorized: sslMode === "verify-full",
        servername,
        ...(values.ca ? { ca: parsePem("ca", "ca", values.ca) } : {}),
        ...(hasCert
          ? { cert: parsePem("certificate", "certificate", values.certificate!), key: parsePem("private_key", "private_key", values.private_key!) }
          : {}),
      },
    };
  } catch (err) {
    if (err instanceof PemError) return { ok: false, message: err.message };
    throw err;
  }
}
