// The agent's one reader of its environment: the key (kept out of the config file when set here). The SDKs
// read their own variables (AWS_*, GOOGLE_APPLICATION_CREDENTIALS, AZURE_*), and undici reads HTTPS_PROXY / NO_PROXY.
export function agentKeyFromEnv(): string | undefined {
  return process.env.KEYHOLD_AGENT_KEY || undefined;
}
