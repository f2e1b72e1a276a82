// The token form's checkbox names (one per scope, one per project), shared by the form and its parser
// (./api-tokens.ts). A module of its own, without zod: the form ships in the page's first-load JavaScript
// (docs/accessibility.md "Lighter pages").
export const SCOPE_FIELD = "scope:";
export const PROJECT_FIELD = "project:";
