// Shared by forms (client) and server; keep it free of server-only imports.
export const MIN_PASSWORD_LENGTH = 12;
