-- API token scopes (docs/roles.md, "API token scopes"): a set of scopes per token, optionally limited to
-- projects, replaces the single "all" | "cache" | "workflows". Existing tokens keep what they could call:
-- "all" becomes admin, "cache" clear-cache and refresh, "workflows" the run APIs; anything else gets nothing
-- (fails closed). Plain ADD/DROP COLUMN: no table rebuild.

-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN "scopes" TEXT NOT NULL DEFAULT '';
ALTER TABLE "ApiToken" ADD COLUMN "projectIds" TEXT;

UPDATE "ApiToken" SET "scopes" = CASE "scope"
    WHEN 'all' THEN 'admin'
    WHEN 'cache' THEN 'cache:clear connections:refresh'
    WHEN 'workflows' THEN 'workflows:run'
    ELSE ''
END;

ALTER TABLE "ApiToken" DROP COLUMN "scope";
