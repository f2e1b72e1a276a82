// The demo's workflow: Payments calls the demo target with its AWS-held API token, read by name through a
// workflow secret, so a run works at once (docs/workflows.md). Saved through the console's data functions.
import type { ProjectActor } from "@/lib/auth/actor";
import { mintRecentAuth } from "@/lib/auth/recent-auth";
import { saveWorkflowSecret } from "@/lib/data/workflow-secrets";
import { setAllowedHosts } from "@/lib/data/workflow-hosts";
import { saveWorkflowDefinition } from "@/lib/data/workflows";

export function demoWorkflowSource(target: string): string {
  return `document:
  dsl: '1.0.0'
  namespace: demo
  name: check-payments-api
  version: '1.0.0'
  summary: Calls the Payments API with the token kept in AWS Secrets Manager.
use:
  secrets: [payments-api-token]
do:
  - callPaymentsApi:
      call: http
      with:
        method: get
        endpoint: ${target}/health
        headers:
          authorization: Bearer $SECRETS.payments-api-token
`;
}

export async function seedDemoWorkflow(actor: ProjectActor, target: string, tokenReference: string): Promise<void> {
  await saveWorkflowSecret(actor, { name: "payments-api-token", kind: "reference", value: tokenReference });
  const { id } = await saveWorkflowDefinition(actor, {
    namespace: "demo",
    name: "check-payments-api",
    version: "1.0.0",
    format: "yaml",
    source: demoWorkflowSource(target),
    secretsRead: ["payments-api-token"],
  });
  // The demo is seeded without a session: the owner's confirmation is minted here, as the tests do.
  await setAllowedHosts(actor, id, [new URL(target).host], mintRecentAuth({ userId: actor.userId, at: new Date() }));
}
