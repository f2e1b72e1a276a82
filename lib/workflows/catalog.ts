// The built-in functions `call: <name>` may use (docs/workflows.md "Function catalog").
export const FUNCTION_CATALOG = ["logError", "logInfo"] as const;
export type CatalogFunction = (typeof FUNCTION_CATALOG)[number];
export const isCatalogFunction = (name: unknown): name is CatalogFunction => FUNCTION_CATALOG.includes(name as CatalogFunction);

/** Task kinds this runtime executes; the DSL's others are refused at validation. */
export const SUPPORTED_TASKS = ["call", "do", "fork", "for", "raise", "set", "switch", "try", "wait"] as const;
export const REFUSED_TASKS = ["emit", "listen", "run"] as const;
export const REFUSED_CALLS = ["grpc", "asyncapi", "openapi", "a2a", "mcp"] as const;
export const AUTH_KINDS = ["basic", "bearer", "oauth2"] as const;
export const REFUSED_AUTH_KINDS = ["digest", "certificate", "oidc"] as const;
