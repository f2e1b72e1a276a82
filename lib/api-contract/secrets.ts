// The console's secret browser (session auth): the scope query, the listing and the key names of one secret.
// Names only, never a value (docs/api.md).
import { z } from "zod";
import { PROVIDER_KINDS } from "@/lib/secrets/types";
import type { BrowsePage, SecretKeysView } from "@/lib/views/secrets";
import { dbId } from "./connections";

export const browserParamsSchema = z.object({ workspaceId: dbId.describe("The workspace's id.") });

export const browserScopeQuery = {
  projectId: dbId.optional().describe("Browse this project's provider (project editors); absent: the workspace's (admins)."),
  config: z.enum(["active", "own"]).default("active").describe("active: the configuration the project resolves through; own: its own."),
};

export const listSecretsQuerySchema = z.object({
  ...browserScopeQuery,
  prefix: z.string().max(200).optional().describe("Only names starting with this."),
  pageToken: z.string().max(2000).optional().describe("nextPageToken of the previous page."),
});

export const secretKeysQuerySchema = z.object({
  ...browserScopeQuery,
  id: z.string().min(1, "Say which secret: id is required.").max(2048).describe("The secret's id as the listing gave it."),
});

const referenceOption = z.object({ key: z.string().nullable(), reference: z.string() });

export const browsePageSchema = z.object({
  kind: z.enum(PROVIDER_KINDS),
  nextPageToken: z.string().optional(),
  items: z.array(
    z.object({
      name: z.string(),
      id: z.string(),
      keys: z.array(z.string()).optional(),
      updatedAt: z.string().optional(),
      references: z.array(referenceOption).describe("Ready-to-insert references: one per key for key/value secrets, else one."),
      usedBy: z.array(
        z.object({
          connectionId: z.number().int(),
          workflowSecret: z.string().optional(),
          connectionName: z.string(),
          projectId: z.number().int(),
          field: z.string(),
        }),
      ),
      insidePolicy: z.boolean().describe("Named by the reference policy; secrets outside it cannot be inserted."),
    }),
  ),
});

export const secretKeysSchema = z.object({
  id: z.string(),
  keys: z.array(z.string()).nullable().describe("null: not a JSON object, so references name the whole secret."),
  references: z.array(referenceOption),
  cached: z.boolean().describe("Served from the key-name cache, without a read."),
});

// The views the services return must stay assignable to the documented shapes.
const _pageMatches = (p: BrowsePage): z.input<typeof browsePageSchema> => p;
const _keysMatch = (k: SecretKeysView): z.input<typeof secretKeysSchema> => k;
void _pageMatches;
void _keysMatch;
