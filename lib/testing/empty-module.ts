// Stands in for `server-only` outside Next's server build (Vitest, CLI scripts): see docs/style.md rule 1.
export {};
