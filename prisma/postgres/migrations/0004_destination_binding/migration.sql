-- Destination binding (docs/threat-model.md, threat 1) and re-authentication. Existing credential fields are
-- bound to their connection's destination at the upgrade: SQL cannot parse URLs the way the console does, so
-- the binding records the settings themselves as `legacy:<type>:<settings JSON>`, which
-- lib/connections/destination.ts (bindingKey) reads.

-- AlterTable
ALTER TABLE "CredentialField" ADD COLUMN "destination" TEXT;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN "reauthenticatedAt" TIMESTAMP(3);

UPDATE "CredentialField" f
SET "destination" = 'legacy:' || c."type" || ':' || c."settings"::text
FROM "Connection" c WHERE c."id" = f."connectionId";
