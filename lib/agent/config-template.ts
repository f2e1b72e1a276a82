// The config template the admin page offers per group (docs/agent.md): the console's address, no key (it goes
// in KEYHOLD_AGENT_KEY), and one example profile whose credentials are secret references.
export function agentConfigTemplate(consoleUrl: string, groupName: string): string {
  return `# Keyhold on-prem agent for group "${groupName.replace(/["\n\r]/g, "")}" (docs/agent.md)
# Run: KEYHOLD_AGENT_KEY=<agent key> npm run agent -- --config keyhold-agent.yml
# The agent dials out to the console over HTTPS; it listens on no port.
console:
  url: ${consoleUrl}
secrets:
  provider: aws          # aws | azure | google
  region: us-east-1
database:
  sales:
    adapter: postgresql
    host: db.internal
    port: 5432
    database: sales
    username: { secret: '/opa/sales/username' }
    password: { secret: '/opa/sales/password' }
    sslMode: require
# Cloud profiles (an AWS, Azure or Vault configuration whose connection type is this group): the origins this
# agent may forward the console's requests to (Vault address, Secrets Manager endpoint, Key Vault URL). Anything
# else is refused.
# forward:
#   allow:
#     - https://vault.internal:8200
#     - https://secretsmanager.eu-west-1.amazonaws.com
#     - https://my-vault.vault.azure.net
`;
}
