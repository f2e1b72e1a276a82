import "server-only";
// Route helpers for the connection pages: the connection (404 when unknown or not in this project) and the
// secrets configuration that resolves this project's references now.
import { notFound } from "next/navigation";
import type { ProjectActor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { getConnection, type ConnectionView } from "@/lib/data/connections";
import { activeConfigFor } from "@/lib/data/active-config";
import { expectedFormat } from "@/lib/secrets/references";
import type { ProviderKind } from "@/lib/secrets/types";
import { PROVIDER_LABELS } from "@/components/provider-labels";
import type { ActiveProvider } from "@/components/connections/types";

export async function loadConnection(actor: ProjectActor, rawId: string): Promise<ConnectionView> {
  if (!/^\d{1,10}$/.test(rawId)) notFound();
  try {
    return await getConnection(actor, Number(rawId));
  } catch (err) {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}

export async function activeProvider(actor: ProjectActor): Promise<ActiveProvider | null> {
  const active = await activeConfigFor(actor.workspaceId, actor.projectId);
  if (!active) return null;
  return { label: PROVIDER_LABELS[active.kind] ?? active.kind, format: expectedFormat(active.kind as ProviderKind) };
}
