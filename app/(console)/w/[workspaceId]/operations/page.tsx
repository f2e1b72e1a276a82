// The Operations page (docs/operations.md "Operations page"): how this workspace's secrets, tests and workflows
// behave, from the per-minute aggregates every instance writes, merged across instances. Workspace admins only.
// The charts are server-rendered SVG streamed in after the page shell (no client JavaScript, no chart library).
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { LineChart } from "@/components/operations/line-chart";
import { pageWorkspace } from "@/lib/auth/page-guard";
import type { WorkspaceActor } from "@/lib/auth/actor";
import { operationsView } from "@/lib/services/metrics/operations";
import type { OperationsWindow } from "@/lib/views/operations";

export const metadata: Metadata = { title: "Operations" };

export default async function OperationsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const actor = await pageWorkspace((await params).workspaceId, "workspace.admin");
  const window: OperationsWindow = (await searchParams).window === "30d" ? "30d" : "24h";
  const base = `/w/${actor.workspaceId}/operations`;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Operations</h1>
          <p className="subtitle">
            Resolutions, cache, provider latency and errors, connection tests, workflow runs and agents, merged across every console instance.
          </p>
        </div>
      </div>
      <nav className="tabs" aria-label="Time window">
        <Link href={base} aria-current={window === "24h" ? "page" : undefined}>
          Last 24 hours
        </Link>
        <Link href={`${base}?window=30d`} aria-current={window === "30d" ? "page" : undefined}>
          Last 30 days
        </Link>
      </nav>
      <Suspense fallback={<p className="muted">Loading charts…</p>}>
        <Charts actor={actor} window={window} />
      </Suspense>
    </>
  );
}

async function Charts({ actor, window }: { actor: WorkspaceActor; window: OperationsWindow }) {
  const view = await operationsView(actor, window);
  const label = (t: number) => {
    const iso = new Date(t).toISOString();
    return window === "24h" ? `${iso.slice(5, 16).replace("T", " ")} UTC` : iso.slice(0, 10);
  };
  return (
    <>
      <p className="small muted" data-testid="operations-window">
        {`${label(view.buckets[0] ?? 0)} – ${label((view.buckets.at(-1) ?? 0) + view.bucketMinutes * 60_000)}, in ${view.bucketMinutes >= 60 ? `${view.bucketMinutes / 60}-hour` : `${view.bucketMinutes}-minute`} steps.`}
      </p>
      <div className="chart-grid">
        {view.charts.map((chart) => (
          <LineChart key={chart.id} chart={chart} buckets={view.buckets} bucketLabel={label} />
        ))}
      </div>
    </>
  );
}
