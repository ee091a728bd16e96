-- Evidence, assessment rounds and compliance scores (issue 16, docs/decisions/022-compliance.md).
-- Evidence is a link or a stored file (content-addressed bytes in "StoredFile", as the intake's
-- documents are) that belongs to a proposal and maybe one of its milestones or updates; scores
-- cite it through "ScoreEvidence". A score is +1, 0 or -1, NULL for "not applicable". Tables from
-- `prisma migrate diff` (these statements only), then given the CHECKs and character rules of
-- the other tables (scripts/text-rules-sql.ts).
-- The milestone's new flag is an ADD COLUMN rather than Prisma's table rebuild, which would
-- drop the table's triggers.
-- CreateTable
CREATE TABLE "Evidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "proposalId" TEXT NOT NULL,
    "milestoneId" TEXT,
    "updateId" TEXT,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT NOT NULL DEFAULT '',
    "publisher" TEXT NOT NULL DEFAULT '',
    "publishedOn" DATETIME,
    "sha256" TEXT,
    "fileName" TEXT NOT NULL DEFAULT '',
    "mediaType" TEXT NOT NULL DEFAULT '',
    "byteSize" INTEGER,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Evidence_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_updateId_fkey" FOREIGN KEY ("updateId") REFERENCES "ProgressUpdate" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_sha256_fkey" FOREIGN KEY ("sha256") REFERENCES "StoredFile" ("sha256") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Evidence_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CHECK (("kind" = 'link' AND "url" <> '' AND "sha256" IS NULL AND "byteSize" IS NULL AND "fileName" = '' AND "mediaType" = '') OR ("kind" = 'file' AND "sha256" IS NOT NULL AND "byteSize" >= 1 AND "fileName" <> '' AND "mediaType" <> '' AND "url" = '')),
    CHECK ("milestoneId" IS NULL OR "updateId" IS NULL),
    CHECK (length("title") BETWEEN 1 AND 300 AND length("url") <= 2000 AND length("publisher") <= 200 AND length("fileName") <= 255 AND length("mediaType") <= 100),
    CHECK ("kind" IN ('link','file'))
);

-- CreateTable
CREATE TABLE "AssessmentRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "cutoff" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "openedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "AssessmentRound_openedById_fkey" FOREIGN KEY ("openedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CHECK ("kind" IN ('interim','final')),
    CHECK ("status" IN ('open','closed')),
    CHECK (length("name") BETWEEN 1 AND 120 AND "version" >= 1),
    CHECK (("status" = 'closed') = ("closedAt" IS NOT NULL))
);

-- CreateTable
CREATE TABLE "ComplianceScore" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "score" INTEGER,
    "rationale" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ComplianceScore_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AssessmentRound" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ComplianceScore_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ComplianceScore_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CHECK ("country" IN ('JP','KZ','KG','TJ','TM','UZ')),
    CHECK ("score" IS NULL OR "score" IN (-1, 0, 1)),
    CHECK (length("rationale") BETWEEN 1 AND 4000 AND "version" >= 1)
);

-- CreateTable
CREATE TABLE "ScoreEvidence" (
    "scoreId" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,

    PRIMARY KEY ("scoreId", "evidenceId"),
    CONSTRAINT "ScoreEvidence_scoreId_fkey" FOREIGN KEY ("scoreId") REFERENCES "ComplianceScore" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScoreEvidence_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable
ALTER TABLE "Milestone" ADD COLUMN "evidenceRequired" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Evidence_proposalId_createdAt_idx" ON "Evidence"("proposalId", "createdAt");

-- CreateIndex
CREATE INDEX "Evidence_milestoneId_idx" ON "Evidence"("milestoneId");

-- CreateIndex
CREATE INDEX "Evidence_updateId_idx" ON "Evidence"("updateId");

-- CreateIndex
CREATE INDEX "Evidence_sha256_idx" ON "Evidence"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentRound_name_key" ON "AssessmentRound"("name");

-- CreateIndex
CREATE INDEX "AssessmentRound_cutoff_idx" ON "AssessmentRound"("cutoff");

-- CreateIndex
CREATE INDEX "ComplianceScore_roundId_country_idx" ON "ComplianceScore"("roundId", "country");

-- CreateIndex
CREATE INDEX "ComplianceScore_proposalId_idx" ON "ComplianceScore"("proposalId");

-- CreateIndex
CREATE UNIQUE INDEX "ComplianceScore_roundId_proposalId_country_key" ON "ComplianceScore"("roundId", "proposalId", "country");

-- CreateIndex
CREATE INDEX "ScoreEvidence_evidenceId_idx" ON "ScoreEvidence"("evidenceId");


CREATE TRIGGER "Evidence_text_insert" BEFORE INSERT ON "Evidence"
WHEN (NEW."title" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."title" AS BLOB), x'00') > 0 OR instr(CAST(NEW."title" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."title" AS BLOB), x'EFBFBF') > 0)
  OR (NEW."url" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."url" AS BLOB), x'00') > 0 OR instr(CAST(NEW."url" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."url" AS BLOB), x'EFBFBF') > 0)
  OR (NEW."publisher" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."publisher" AS BLOB), x'00') > 0 OR instr(CAST(NEW."publisher" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."publisher" AS BLOB), x'EFBFBF') > 0)
  OR (NEW."fileName" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."fileName" AS BLOB), x'00') > 0 OR instr(CAST(NEW."fileName" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."fileName" AS BLOB), x'EFBFBF') > 0)
  OR (NEW."mediaType" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."mediaType" AS BLOB), x'00') > 0 OR instr(CAST(NEW."mediaType" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."mediaType" AS BLOB), x'EFBFBF') > 0)
BEGIN
  SELECT RAISE(ABORT, 'Evidence: text contains a character that is not allowed');
END;

CREATE TRIGGER "Evidence_text_update" BEFORE UPDATE OF "title", "url", "publisher", "fileName", "mediaType" ON "Evidence"
WHEN (NEW."title" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."title" AS BLOB), x'00') > 0 OR instr(CAST(NEW."title" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."title" AS BLOB), x'EFBFBF') > 0)
  OR (NEW."url" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."url" AS BLOB), x'00') > 0 OR instr(CAST(NEW."url" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."url" AS BLOB), x'EFBFBF') > 0)
  OR (NEW."publisher" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."publisher" AS BLOB), x'00') > 0 OR instr(CAST(NEW."publisher" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."publisher" AS BLOB), x'EFBFBF') > 0)
  OR (NEW."fileName" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."fileName" AS BLOB), x'00') > 0 OR instr(CAST(NEW."fileName" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."fileName" AS BLOB), x'EFBFBF') > 0)
  OR (NEW."mediaType" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."mediaType" AS BLOB), x'00') > 0 OR instr(CAST(NEW."mediaType" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."mediaType" AS BLOB), x'EFBFBF') > 0)
BEGIN
  SELECT RAISE(ABORT, 'Evidence: text contains a character that is not allowed');
END;

CREATE TRIGGER "AssessmentRound_text_insert" BEFORE INSERT ON "AssessmentRound"
WHEN (NEW."name" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."name" AS BLOB), x'00') > 0 OR instr(CAST(NEW."name" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."name" AS BLOB), x'EFBFBF') > 0)
BEGIN
  SELECT RAISE(ABORT, 'AssessmentRound: text contains a character that is not allowed');
END;

CREATE TRIGGER "AssessmentRound_text_update" BEFORE UPDATE OF "name" ON "AssessmentRound"
WHEN (NEW."name" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."name" AS BLOB), x'00') > 0 OR instr(CAST(NEW."name" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."name" AS BLOB), x'EFBFBF') > 0)
BEGIN
  SELECT RAISE(ABORT, 'AssessmentRound: text contains a character that is not allowed');
END;

CREATE TRIGGER "ComplianceScore_text_insert" BEFORE INSERT ON "ComplianceScore"
WHEN (NEW."rationale" GLOB '*[' || char(1, 45, 8, 11, 45, 12, 14, 45, 31, 127, 45, 159, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."rationale" AS BLOB), x'00') > 0 OR instr(CAST(NEW."rationale" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."rationale" AS BLOB), x'EFBFBF') > 0)
BEGIN
  SELECT RAISE(ABORT, 'ComplianceScore: text contains a character that is not allowed');
END;

CREATE TRIGGER "ComplianceScore_text_update" BEFORE UPDATE OF "rationale" ON "ComplianceScore"
WHEN (NEW."rationale" GLOB '*[' || char(1, 45, 8, 11, 45, 12, 14, 45, 31, 127, 45, 159, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."rationale" AS BLOB), x'00') > 0 OR instr(CAST(NEW."rationale" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."rationale" AS BLOB), x'EFBFBF') > 0)
BEGIN
  SELECT RAISE(ABORT, 'ComplianceScore: text contains a character that is not allowed');
END;
