import type { ConnectionType, CredentialFieldName } from "@/lib/connections/types";

/** What the browser may know about a stored credential field: templates as text, literals only as "set". */
export interface StoredField {
  name: CredentialFieldName;
  mode: "literal" | "template";
  template: string | null;
  scopeChanged: boolean;
}

/** The secrets configuration that resolves this project's references now. */
export interface ActiveProvider {
  label: string;
  /** The reference format it expects, e.g. {{workato:sm:<key>:<secret ARN>}}. */
  format: string;
}

export interface EditableConnection {
  id: number;
  name: string;
  type: ConnectionType;
  settings: Record<string, unknown>;
  fields: StoredField[];
}

/** The editor's state of one credential field. Each source keeps its own text, so toggling loses nothing. */
export interface CredentialState {
  source: "literal" | "reference";
  literal: string;
  reference: string;
  /** False while a stored literal is kept as it is. */
  editing: boolean;
  /** An optional stored field is to be removed. */
  remove: boolean;
  /** Save an unchanged template again under the active configuration. */
  repoint: boolean;
}
