-- Cloud profiles through an agent (docs/agent.md): a provider configuration's optional on-prem group. A plain
-- ADD COLUMN with its reference (allowed in SQLite for a column defaulting to NULL): no table rebuild, so no
-- cascade through SecretsProviderConfig's children. Existing configurations stay Cloud (null).
-- AlterTable
ALTER TABLE "SecretsProviderConfig" ADD COLUMN "onPremGroupId" INTEGER REFERENCES "OnPremGroup" ("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "SecretsProviderConfig_onPremGroupId_idx" ON "SecretsProviderConfig"("onPremGroupId");
