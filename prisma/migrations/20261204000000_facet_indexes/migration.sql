-- The list's facet counts (issue 14, docs/decisions/020-benchmark-method.md): grouping the
-- proposals a status or an area filter keeps by the other facets read only these indexes, not
-- the rows. They replace the single-column status and area indexes, which are their prefixes.

-- DropIndex
DROP INDEX "Proposal_area_idx";

-- DropIndex
DROP INDEX "Proposal_status_idx";

-- CreateIndex
CREATE INDEX "Proposal_status_area_health_ownerId_id_idx" ON "Proposal"("status", "area", "health", "ownerId", "id");

-- CreateIndex
CREATE INDEX "Proposal_area_status_health_ownerId_id_idx" ON "Proposal"("area", "status", "health", "ownerId", "id");

-- CreateIndex
CREATE INDEX "Proposal_health_idx" ON "Proposal"("health");
