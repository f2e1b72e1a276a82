// Connection types, their address settings (literals only) and their credential fields (literal or template).
export const CONNECTION_TYPES = ["postgres", "http", "https_cert"] as const;
export type ConnectionType = (typeof CONNECTION_TYPES)[number];

export const CREDENTIAL_FIELDS = ["user", "password", "token", "header_value", "certificate", "private_key", "ca"] as const;
export type CredentialFieldName = (typeof CREDENTIAL_FIELDS)[number];

export const FIELD_LABELS: Record<CredentialFieldName, string> = {
  user: "User",
  password: "Password",
  token: "Bearer token",
  header_value: "Header value",
  certificate: "Client certificate (PEM)",
  private_key: "Private key (PEM)",
  ca: "CA certificate (PEM)",
};

/** Fields that hold PEM and are parsed as such, whether literal or resolved from a secret. */
export const PEM_FIELDS: Partial<Record<CredentialFieldName, "certificate" | "private_key" | "ca">> = {
  certificate: "certificate",
  private_key: "private_key",
  ca: "ca",
};

export const TYPE_LABELS: Record<ConnectionType, string> = {
  postgres: "PostgreSQL",
  http: "HTTP API",
  https_cert: "HTTPS with client certificate",
};

/** The credential fields a connection of this type (and auth kind) uses, and which are optional. */
export function credentialFieldsFor(type: ConnectionType, settings: Record<string, unknown>): Array<{ name: CredentialFieldName; optional: boolean }> {
  switch (type) {
    case "postgres":
      return [
        { name: "user", optional: false },
        { name: "password", optional: false },
        { name: "ca", optional: true },
        // Client certificate authentication (pg_hba "cert"): both or neither, checked by the tester.
        { name: "certificate", optional: true },
        { name: "private_key", optional: true },
      ];
    case "https_cert":
      return [
        { name: "certificate", optional: false },
        { name: "private_key", optional: false },
        { name: "ca", optional: true },
      ];
    case "http":
      switch (settings.authKind) {
        case "bearer":
          return [{ name: "token", optional: false }];
        case "basic":
          return [
            { name: "user", optional: false },
            { name: "password", optional: false },
          ];
        case "header":
          return [{ name: "header_value", optional: false }];
        default:
          return [];
      }
  }
}
