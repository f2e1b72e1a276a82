-- The reference policy (docs/threat-model.md "Reference policy", docs/data-model.md): which secrets each
-- provider configuration lets connections reference, and to which destinations.

-- AlterTable
ALTER TABLE "SecretsProviderConfig" ADD COLUMN "policyNoticePending" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ReferencePolicyEntry" (
    "id" SERIAL NOT NULL,
    "providerConfigId" INTEGER NOT NULL,
    "secretPattern" TEXT NOT NULL,
    "destinations" JSONB NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReferencePolicyEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReferencePolicyEntry_providerConfigId_secretPattern_key" ON "ReferencePolicyEntry"("providerConfigId", "secretPattern");

-- AddForeignKey
ALTER TABLE "ReferencePolicyEntry" ADD CONSTRAINT "ReferencePolicyEntry_providerConfigId_fkey" FOREIGN KEY ("providerConfigId") REFERENCES "SecretsProviderConfig"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: every configuration allows exactly what its connections reference today (the reverse index
-- SecretUsage), to the destinations that reference it, so the upgrade breaks no working connection.
-- Destinations are host:port as lib/secrets/reference-policy.ts `destinationOfConnection` computes them
-- (lowercased host, IPv6 in brackets, the scheme's default port). A URL this SQL cannot read leaves the entry
-- without that destination (it fails closed).
WITH used AS (
    SELECT DISTINCT u."providerConfigId" AS cid, u."secretId" AS secret, c."type" AS type, c."settings" AS settings
    FROM "SecretUsage" u JOIN "Connection" c ON c."id" = u."connectionId"
),
parsed AS (
    SELECT cid, secret, type, settings,
        regexp_match(
            lower(CASE type WHEN 'http' THEN settings->>'baseUrl' ELSE settings->>'url' END),
            '^(https?)://(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#\[\]]*)(?::([0-9]*))?(?:[/?#]|$)'
        ) AS m
    FROM used
),
hostport AS (
    SELECT cid, secret,
        CASE WHEN type = 'postgres' THEN lower(btrim(settings->>'host', '[]')) ELSE btrim(m[2], '[]') END AS host,
        CASE
            WHEN type = 'postgres' THEN settings->>'port'
            ELSE coalesce(nullif(m[3], ''), CASE m[1] WHEN 'https' THEN '443' ELSE '80' END)
        END AS port
    FROM parsed
    WHERE type = 'postgres' OR m IS NOT NULL
),
dest AS (
    SELECT cid, secret,
        CASE WHEN position(':' IN rtrim(host, '.')) > 0 THEN '[' || rtrim(host, '.') || ']' ELSE rtrim(host, '.') END || ':' || (port::integer)::text AS d
    FROM hostport
    WHERE host IS NOT NULL AND host <> '' AND port ~ '^[0-9]{1,5}$'
)
INSERT INTO "ReferencePolicyEntry" ("providerConfigId", "secretPattern", "destinations", "updatedAt")
SELECT used.cid, used.secret,
    coalesce((SELECT jsonb_agg(DISTINCT dest.d) FROM dest WHERE dest.cid = used.cid AND dest.secret = used.secret), '[]'::jsonb),
    CURRENT_TIMESTAMP
FROM (SELECT DISTINCT cid, secret FROM used) AS used;

-- Admins of configurations that existed before the policy see a banner explaining it.
UPDATE "SecretsProviderConfig" SET "policyNoticePending" = true WHERE "currentOwnerKey" IS NOT NULL;
