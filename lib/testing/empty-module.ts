// Stands in for `server-only` outside Next's server build (Vitest, CLI scripts): see STYLE.md rule 1.
export {};
