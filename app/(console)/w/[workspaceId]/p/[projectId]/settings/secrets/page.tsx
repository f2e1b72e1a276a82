import type { Metadata } from "next";
import Link from "next/link";
import { PROVIDER_LABELS } from "@/components/provider-labels";
import { SecretBrowser } from "@/components/secret-browser";
import { plural } from "@/components/secrets/format";
import { ProviderSetup } from "@/components/secrets/provider-setup";
import { toProviderSummary } from "@/components/secrets/provider-summary";
import { Alert } from "@/components/ui/alert";
import { pageProject, pageWorkspace } from "@/lib/auth/page-guard";
import { isWorkspaceAdmin } from "@/lib/auth/roles";
import { listOnPremGroups } from "@/lib/data/onprem-groups";
import { getProviderConfig } from "@/lib/data/provider-configs";
import { impactOf, policyEntryImpacts } from "@/lib/services/secrets/impact";
import { listScopeChangedFields } from "@/lib/data/secrets-scope";
import { getWorkspace } from "@/lib/data/workspaces";
import { ReferencePolicySection } from "@/components/secrets/below-the-fold";
import { getReferencePolicy } from "@/lib/data/reference-policy";
import { env } from "@/lib/env";
import { externalIdFor } from "@/lib/secrets/contracts/external-id";

export const metadata: Metadata = { title: "Project secrets" };

export default async function ProjectSecretsPage({ params }: { params: Promise<{ workspaceId: string; projectId: string }> }) {
  const { workspaceId, projectId } = await params;
  const actor = await pageProject(workspaceId, projectId, "project.admin");
  const wsActor = await pageWorkspace(workspaceId);
  const [workspace, config, flagged, policy, groups] = await Promise.all([
    getWorkspace(wsActor),
    getProviderConfig(actor),
    listScopeChangedFields(actor),
    getReferencePolicy(actor),
    listOnPremGroups(actor),
  ]);
  const replaceImpact = config ? await impactOf(actor, { kind: "provider-replace" }) : null;
  const policyImpacts = policy ? await policyEntryImpacts(actor, policy) : undefined;
  const inUse = workspace.secretsScope === "project";
  const wsAdmin = isWorkspaceAdmin(actor.workspaceRole);
  const scopePage = `/w/${actor.workspaceId}/settings/secrets`;
  return (
    <>
      {inUse ? (
        !config && (
          <Alert kind="warn">
            The workspace uses project-specific secrets, and this project has no provider yet: its connections cannot use secret references until one is saved
            here.
          </Alert>
        )
      ) : (
        <Alert kind="info">
          <strong>This configuration is not in use yet.</strong> The workspace resolves every project’s references through its workspace provider. You can
          prepare and test this project’s provider now; it takes effect when a workspace admin switches to project scope
          {wsAdmin ? (
            <>
              {" "}
              in <Link href={scopePage}>Secrets management</Link>
            </>
          ) : null}
          .
        </Alert>
      )}
      {flagged.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <Alert kind="warn">
            {plural(flagged.length, "credential field")} in this project {flagged.length === 1 ? "was" : "were"} saved under a configuration that is no longer
            active and fail with “scope changed” until re-pointed
            {wsAdmin ? (
              <>
                {" "}
                (see <Link href={scopePage}>Secrets management</Link>)
              </>
            ) : (
              " by a workspace admin, or saved again in the connection"
            )}
            .
          </Alert>
        </div>
      )}
      <section className="card" aria-labelledby="project-provider-heading" style={{ marginTop: 16 }}>
        <div className="card-header">
          <h2 id="project-provider-heading">Secrets management</h2>
          {inUse ? <span className="badge ok">In use</span> : <span className="badge">Not in use yet</span>}
        </div>
        <ProviderSetup
          owner={{ workspaceId: actor.workspaceId, projectId: actor.projectId }}
          ownerLabel="this project"
          externalId={externalIdFor({ workspaceId: actor.workspaceId, projectId: actor.projectId })}
          platformAccountId={env.PLATFORM_AWS_ACCOUNT_ID}
          enabledKinds={env.PROVIDERS}
          onPremGroups={groups.map(({ id, name }) => ({ id, name }))}
          current={toProviderSummary(config)}
          impact={replaceImpact}
        />
      </section>
      {policy && (
        <ReferencePolicySection owner={{ workspaceId: actor.workspaceId, projectId: actor.projectId }} policy={policy} canEdit impacts={policyImpacts} />
      )}
      {config && (
        <section className="card" aria-labelledby="project-browser-heading">
          <h2 id="project-browser-heading">Secrets in {PROVIDER_LABELS[config.kind]}</h2>
          <p className="muted">Names only, from this project’s saved configuration, with the connections that use each one. Values never leave the server.</p>
          <SecretBrowser scope={{ workspaceId: actor.workspaceId, projectId: actor.projectId, config: "own" }} />
        </section>
      )}
    </>
  );
}
