import type { Metadata } from "next";
import Link from "next/link";
import { CacheSettingsForm } from "@/components/secrets/cache-settings-form";
import { ClearCacheButton } from "@/components/secrets/clear-cache-button";
import { EgressForm } from "@/components/secrets/egress-form";
import { RotationSettingsForm } from "@/components/secrets/rotation-settings-form";
import { pageWorkspace } from "@/lib/auth/page-guard";
import { getRotationSettings } from "@/lib/data/rotation-settings";
import { getWorkspaceSecretsSettings } from "@/lib/data/workspace-settings";
import { getWorkspace } from "@/lib/data/workspaces";
import { secretsRuntime } from "@/lib/services/secrets/runtime";

export const metadata: Metadata = { title: "Workspace settings" };

export default async function WorkspaceGeneralSettingsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const actor = await pageWorkspace((await params).workspaceId, "workspace.admin");
  const [ws, settings, rotation] = await Promise.all([getWorkspace(actor), getWorkspaceSecretsSettings(actor), getRotationSettings(actor)]);
  const stats = secretsRuntime().cache.stats();
  const counters = [
    ["Cached values", stats.entries],
    ["Cache hits", stats.hits],
    ["Cache misses", stats.misses],
    ["Provider calls", stats.providerCalls],
    ["Provider errors", stats.errors],
    ["Stale values served", stats.staleServed],
  ] as const;
  return (
    <>
      <section className="card" aria-labelledby="general-heading">
        <h2 id="general-heading">General</h2>
        <dl className="grid-2" style={{ margin: 0, rowGap: 16 }}>
          <div>
            <dt className="label">Workspace ID</dt>
            <dd className="mono" style={{ margin: 0 }}>
              {ws.id}
            </dd>
          </div>
          <div>
            <dt className="label">Name</dt>
            <dd style={{ margin: 0 }}>{ws.name}</dd>
          </div>
          <div>
            <dt className="label">Secrets management scope</dt>
            <dd style={{ margin: 0 }}>
              {ws.secretsScope === "project" ? "Project: each project has its own provider" : "Workspace: one provider for all projects"} ·{" "}
              <Link href={`/w/${ws.id}/settings/secrets`}>Manage</Link>
            </dd>
          </div>
        </dl>
      </section>

      <section className="card" aria-labelledby="cache-heading">
        <h2 id="cache-heading">Secrets cache</h2>
        <p className="muted">
          Keyhold fetches secret values only on the server, when a connection is tested or used, and keeps them in memory, never on disk. Editing a provider,
          switching scope, “Clear cache” below or calling <code>clear_cache</code> drops them at once.
        </p>
        <CacheSettingsForm workspaceId={ws.id} cacheTtlMinutes={settings.cacheTtlMinutes} outageGraceMinutes={settings.outageGraceMinutes} />
        <ClearCacheButton workspaceId={ws.id} />
        <h3 style={{ marginTop: 20 }}>Counters</h3>
        <p className="small muted">This server process, all workspaces, since it started.</p>
        <dl className="counters" aria-label="Cache counters">
          {counters.map(([label, value]) => (
            <div key={label} className="counter">
              <dt>{label}</dt>
              <dd>{value.toLocaleString("en-US")}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="card" aria-labelledby="rotation-heading">
        <h2 id="rotation-heading">Rotation and secret health</h2>
        <p className="muted">
          Keyhold reads the versions and dates of the secrets your connections and workflows use (never their values) and drops a rotated secret from the cache
          at once. <Link href={`/w/${ws.id}/settings/secrets/health`}>Secret health</Link> shows what the last check found.
        </p>
        <RotationSettingsForm workspaceId={ws.id} {...rotation} />
      </section>

      <section className="card" aria-labelledby="egress-heading">
        <h2 id="egress-heading">Egress</h2>
        <p className="muted">
          Which addresses connection tests and provider addresses (a Vault address, an Azure vault URL) may reach, checked after DNS resolution. Loopback (
          <code>127.0.0.0/8</code>, <code>::1</code>), link-local (<code>169.254.0.0/16</code>, <code>fe80::/10</code>) and cloud metadata addresses (
          <code>169.254.169.254</code>, <code>fd00:ec2::254</code>, <code>169.254.170.2</code>, <code>168.63.129.16</code>, <code>100.100.100.200</code>) are
          refused unless the allow-list names them. Without this, anyone who may edit a connection could point it at the Keyhold server’s own network to collect
          secrets.
        </p>
        <EgressForm workspaceId={ws.id} mode={settings.egress.mode} entries={settings.egress.allowList} />
      </section>
    </>
  );
}
