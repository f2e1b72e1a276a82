-- The reference policy (docs/threat-model.md "Reference policy", docs/data-model.md): which secrets each
-- provider configuration lets connections reference, and to which destinations. Written as CREATE TABLE and
-- a plain ADD COLUMN (the SQLite diff would rebuild SecretsProviderConfig, whose DROP would cascade).

-- AlterTable
ALTER TABLE "SecretsProviderConfig" ADD COLUMN "policyNoticePending" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ReferencePolicyEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "providerConfigId" INTEGER NOT NULL,
    "secretPattern" TEXT NOT NULL,
    "destinations" JSONB NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReferencePolicyEntry_providerConfigId_fkey" FOREIGN KEY ("providerConfigId") REFERENCES "SecretsProviderConfig" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ReferencePolicyEntry_providerConfigId_secretPattern_key" ON "ReferencePolicyEntry"("providerConfigId", "secretPattern");

-- Backfill: every configuration allows exactly what its connections reference today (the reverse index
-- SecretUsage), to the destinations that reference it, so the upgrade breaks no working connection.
-- Destinations are host:port as lib/secrets/reference-policy.ts `destinationOfConnection` computes them
-- (lowercased host, IPv6 in brackets, the scheme's default port); lib/migrations/reference-policy-migration.test.ts
-- checks the two agree. A URL this SQL cannot read leaves the entry without that destination (it fails closed).
WITH used AS (
    SELECT DISTINCT u."providerConfigId" AS cid, u."secretId" AS secret, c."type" AS type, c."settings" AS settings
    FROM "SecretUsage" u JOIN "Connection" c ON c."id" = u."connectionId"
),
url AS (
    SELECT cid, secret, type, settings,
        lower(json_extract(settings, CASE type WHEN 'http' THEN '$.baseUrl' ELSE '$.url' END)) AS href
    FROM used
),
rest AS (
    SELECT cid, secret, type, settings, href,
        CASE WHEN href LIKE 'https:%' THEN '443' ELSE '80' END AS defport,
        substr(href, instr(href, '://') + 3) AS r0
    FROM url
),
cut1 AS (SELECT *, CASE WHEN instr(r0, '/') > 0 THEN substr(r0, 1, instr(r0, '/') - 1) ELSE r0 END AS r1 FROM rest),
cut2 AS (SELECT *, CASE WHEN instr(r1, '?') > 0 THEN substr(r1, 1, instr(r1, '?') - 1) ELSE r1 END AS r2 FROM cut1),
cut3 AS (SELECT *, CASE WHEN instr(r2, '#') > 0 THEN substr(r2, 1, instr(r2, '#') - 1) ELSE r2 END AS r3 FROM cut2),
auth AS (SELECT *, CASE WHEN instr(r3, '@') > 0 THEN substr(r3, instr(r3, '@') + 1) ELSE r3 END AS a FROM cut3),
hostport AS (
    SELECT cid, secret,
        CASE
            WHEN type = 'postgres' THEN lower(trim(json_extract(settings, '$.host'), '[]'))
            WHEN substr(a, 1, 1) = '[' THEN substr(a, 2, instr(a, ']') - 2)
            WHEN instr(a, ':') > 0 THEN substr(a, 1, instr(a, ':') - 1)
            ELSE a
        END AS host,
        CASE
            WHEN type = 'postgres' THEN CAST(json_extract(settings, '$.port') AS TEXT)
            WHEN substr(a, 1, 1) = '[' THEN coalesce(nullif(substr(a, instr(a, ']') + 2), ''), defport)
            WHEN instr(a, ':') > 0 THEN coalesce(nullif(substr(a, instr(a, ':') + 1), ''), defport)
            ELSE defport
        END AS port
    FROM auth
    WHERE type = 'postgres' OR (href IS NOT NULL AND instr(href, '://') > 0)
),
dest AS (
    SELECT cid, secret,
        CASE WHEN instr(rtrim(host, '.'), ':') > 0 THEN '[' || rtrim(host, '.') || ']' ELSE rtrim(host, '.') END || ':' || CAST(CAST(port AS INTEGER) AS TEXT) AS d
    FROM hostport
    WHERE host IS NOT NULL AND host <> '' AND port GLOB '[0-9]*' AND port NOT GLOB '*[^0-9]*'
)
INSERT INTO "ReferencePolicyEntry" ("providerConfigId", "secretPattern", "destinations", "updatedAt")
SELECT used.cid, used.secret,
    coalesce((SELECT json_group_array(DISTINCT dest.d) FROM dest WHERE dest.cid = used.cid AND dest.secret = used.secret), '[]'),
    CURRENT_TIMESTAMP
FROM (SELECT DISTINCT cid, secret FROM used) AS used;

-- Admins of configurations that existed before the policy see a banner explaining it.
UPDATE "SecretsProviderConfig" SET "policyNoticePending" = true WHERE "currentOwnerKey" IS NOT NULL;
