// What the Google Secret Manager emulator starts from: one project, its service accounts (public keys only:
// the emulator verifies, it never signs), IAM bindings and secrets with their versions.
import demoFixtureJson from "./demo-fixture.json";

export type VersionState = "ENABLED" | "DISABLED" | "DESTROYED";

/** IAM role → members ("serviceAccount:<email>"). */
export type IamBindings = Record<string, string[]>;

export interface GcpFixtureVersion {
  /** UTF-8 text; use `valueBase64` for binary payloads. */
  value?: string;
  valueBase64?: string;
  state?: VersionState;
}

interface GcpFixtureSecret {
  id: string;
  bindings?: IamBindings;
  labels?: Record<string, string>;
  /** Oldest first: versions are numbered 1, 2, ... in this order. */
  versions: GcpFixtureVersion[];
}

interface GcpServiceAccountKeyJson {
  type: "service_account";
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  auth_provider_x509_cert_url: string;
  client_x509_cert_url: string;
  universe_domain: string;
}

export interface GcpFixture {
  projectId: string;
  /** Real responses name resources by project number, whatever the request used. */
  projectNumber: string;
  serviceAccounts: Array<{ email: string; keys: Array<{ keyId: string; publicKeyPem: string }> }>;
  /** The key file the demo seed hands to Keyhold; `token_uri` holds EMULATOR_URL_PLACEHOLDER. */
  serviceAccountKey?: GcpServiceAccountKeyJson;
  /** Project-level bindings; they are inherited by every secret. */
  projectBindings?: IamBindings;
  secrets: GcpFixtureSecret[];
}

const EMULATOR_URL_PLACEHOLDER = "{{EMULATOR_URL}}";

export const demoFixture: GcpFixture = demoFixtureJson as GcpFixture;

/** The service-account key file (JSON text) with its token_uri pointing at a running emulator. */
export function serviceAccountJsonFor(fixture: GcpFixture, emulatorUrl: string): string {
  if (!fixture.serviceAccountKey) throw new Error("This fixture carries no service-account key.");
  const base = emulatorUrl.replace(/\/+$/, "");
  const key = { ...fixture.serviceAccountKey, token_uri: fixture.serviceAccountKey.token_uri.replace(EMULATOR_URL_PLACEHOLDER, base) };
  return JSON.stringify(key, null, 2);
}

/** IAM member string for a service account, as policies spell it. */
export function serviceAccountMember(email: string): string {
  return email.startsWith("serviceAccount:") ? email : `serviceAccount:${email}`;
}
