-- Cloud profiles through an agent (docs/agent.md): a provider configuration's optional on-prem group. Adds a
-- nullable column, its index and its foreign key; existing configurations stay Cloud (null).
-- AlterTable
ALTER TABLE "SecretsProviderConfig" ADD COLUMN "onPremGroupId" INTEGER;

-- CreateIndex
CREATE INDEX "SecretsProviderConfig_onPremGroupId_idx" ON "SecretsProviderConfig"("onPremGroupId");

-- AddForeignKey
ALTER TABLE "SecretsProviderConfig" ADD CONSTRAINT "SecretsProviderConfig_onPremGroupId_fkey" FOREIGN KEY ("onPremGroupId") REFERENCES "OnPremGroup"("id") ON DELETE NO ACTION ON UPDATE CASCADE;
