-- Events and their source documents (issue 15, docs/decisions/021-intake.md). A "Summit" row is
-- any meeting of the Dialogue now: its kind, how precise its date is (the sources give some
-- meetings' year only), its participating countries and a version for edits. An outcome document
-- keeps its original file (content-addressed bytes in "StoredFile", so backups and copies hold
-- them) and the text extracted from it; a proposal may point at the span of that text its quote
-- comes from, and may follow up an earlier proposal. Tables generated with `prisma migrate diff
-- --from-empty --to-schema-datamodel prisma/schema.prisma --script` (these statements only), then
-- given the CHECKs and character rules of the other tables (scripts/text-rules-sql.ts).

ALTER TABLE "Summit" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'summit' CHECK ("kind" IN ('summit','ministerial','consultative','forum','other'));
ALTER TABLE "Summit" ADD COLUMN "datePrecision" TEXT NOT NULL DEFAULT 'day' CHECK ("datePrecision" IN ('day','month','year'));
ALTER TABLE "Summit" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1 CHECK ("version" >= 1);

-- CreateIndex
CREATE INDEX "Summit_date_idx" ON "Summit"("date");

-- CreateTable
CREATE TABLE "SummitCountry" (
    "summitId" TEXT NOT NULL,
    "country" TEXT NOT NULL,

    PRIMARY KEY ("summitId", "country"),
    CONSTRAINT "SummitCountry_summitId_fkey" FOREIGN KEY ("summitId") REFERENCES "Summit" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CHECK ("country" IN ('JP','KZ','KG','TJ','TM','UZ'))
);

-- CreateTable
CREATE TABLE "StoredFile" (
    "sha256" TEXT NOT NULL PRIMARY KEY,
    "byteSize" INTEGER NOT NULL,
    "content" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (length("sha256") = 64 AND "byteSize" >= 1 AND "byteSize" = length("content"))
);

-- CreateTable
CREATE TABLE "SourceDocument" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "summitId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "fileName" TEXT NOT NULL DEFAULT '',
    "sha256" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SourceDocument_summitId_fkey" FOREIGN KEY ("summitId") REFERENCES "Summit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SourceDocument_sha256_fkey" FOREIGN KEY ("sha256") REFERENCES "StoredFile" ("sha256") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SourceDocument_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CHECK ("language" IN ('en','ru')),
    CHECK ("kind" IN ('text','html','docx','pdf')),
    CHECK (length("title") BETWEEN 1 AND 300 AND length("fileName") <= 255 AND length("mediaType") BETWEEN 1 AND 100),
    CHECK ("byteSize" >= 1 AND length("text") >= 1)
);

-- CreateIndex
CREATE INDEX "SourceDocument_summitId_createdAt_idx" ON "SourceDocument"("summitId", "createdAt");

-- CreateIndex
CREATE INDEX "SourceDocument_sha256_idx" ON "SourceDocument"("sha256");

-- CreateTable
CREATE TABLE "ProposalFollowUp" (
    "proposalId" TEXT NOT NULL PRIMARY KEY,
    "earlierId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProposalFollowUp_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProposalFollowUp_earlierId_fkey" FOREIGN KEY ("earlierId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CHECK ("kind" IN ('reaffirms','extends','replaces')),
    CHECK ("proposalId" <> "earlierId")
);

-- CreateIndex
CREATE INDEX "ProposalFollowUp_earlierId_idx" ON "ProposalFollowUp"("earlierId");

-- A proposal's quote span: both offsets or neither, within a document, start before end. SQLite
-- cannot add a CHECK to an existing table, so BEFORE triggers hold it, as for the text rules.
ALTER TABLE "Proposal" ADD COLUMN "sourceDocumentId" TEXT REFERENCES "SourceDocument" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Proposal" ADD COLUMN "quoteStart" INTEGER;
ALTER TABLE "Proposal" ADD COLUMN "quoteEnd" INTEGER;

-- CreateIndex
CREATE INDEX "Proposal_sourceDocumentId_idx" ON "Proposal"("sourceDocumentId");

CREATE TRIGGER "Proposal_quote_span_insert" BEFORE INSERT ON "Proposal"
WHEN NOT ((NEW."quoteStart" IS NULL AND NEW."quoteEnd" IS NULL) OR (NEW."sourceDocumentId" IS NOT NULL AND NEW."quoteStart" >= 0 AND NEW."quoteEnd" > NEW."quoteStart"))
BEGIN
  SELECT RAISE(ABORT, 'Proposal: a quote span needs a document and 0 <= start < end');
END;

CREATE TRIGGER "Proposal_quote_span_update" BEFORE UPDATE OF "sourceDocumentId", "quoteStart", "quoteEnd" ON "Proposal"
WHEN NOT ((NEW."quoteStart" IS NULL AND NEW."quoteEnd" IS NULL) OR (NEW."sourceDocumentId" IS NOT NULL AND NEW."quoteStart" >= 0 AND NEW."quoteEnd" > NEW."quoteStart"))
BEGIN
  SELECT RAISE(ABORT, 'Proposal: a quote span needs a document and 0 <= start < end');
END;

CREATE TRIGGER "Summit_text_insert" BEFORE INSERT ON "Summit"
WHEN (NEW."name" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."name" AS BLOB), x'00') > 0 OR instr(CAST(NEW."name" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."name" AS BLOB), x'EFBFBF') > 0)
  OR (NEW."place" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."place" AS BLOB), x'00') > 0 OR instr(CAST(NEW."place" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."place" AS BLOB), x'EFBFBF') > 0)
  OR (NEW."description" GLOB '*[' || char(1, 45, 8, 11, 45, 12, 14, 45, 31, 127, 45, 159, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."description" AS BLOB), x'00') > 0 OR instr(CAST(NEW."description" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."description" AS BLOB), x'EFBFBF') > 0)
BEGIN
  SELECT RAISE(ABORT, 'Summit: text contains a character that is not allowed');
END;

CREATE TRIGGER "Summit_text_update" BEFORE UPDATE OF "name", "place", "description" ON "Summit"
WHEN (NEW."name" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."name" AS BLOB), x'00') > 0 OR instr(CAST(NEW."name" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."name" AS BLOB), x'EFBFBF') > 0)
  OR (NEW."place" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."place" AS BLOB), x'00') > 0 OR instr(CAST(NEW."place" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."place" AS BLOB), x'EFBFBF') > 0)
  OR (NEW."description" GLOB '*[' || char(1, 45, 8, 11, 45, 12, 14, 45, 31, 127, 45, 159, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."description" AS BLOB), x'00') > 0 OR instr(CAST(NEW."description" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."description" AS BLOB), x'EFBFBF') > 0)
BEGIN
  SELECT RAISE(ABORT, 'Summit: text contains a character that is not allowed');
END;

CREATE TRIGGER "SourceDocument_text_insert" BEFORE INSERT ON "SourceDocument"
WHEN (NEW."title" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."title" AS BLOB), x'00') > 0 OR instr(CAST(NEW."title" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."title" AS BLOB), x'EFBFBF') > 0)
  OR (NEW."fileName" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."fileName" AS BLOB), x'00') > 0 OR instr(CAST(NEW."fileName" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."fileName" AS BLOB), x'EFBFBF') > 0)
  OR (NEW."mediaType" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."mediaType" AS BLOB), x'00') > 0 OR instr(CAST(NEW."mediaType" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."mediaType" AS BLOB), x'EFBFBF') > 0)
  OR (NEW."text" GLOB '*[' || char(1, 45, 8, 11, 45, 12, 14, 45, 31, 127, 45, 159, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."text" AS BLOB), x'00') > 0 OR instr(CAST(NEW."text" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."text" AS BLOB), x'EFBFBF') > 0)
BEGIN
  SELECT RAISE(ABORT, 'SourceDocument: text contains a character that is not allowed');
END;

CREATE TRIGGER "SourceDocument_text_update" BEFORE UPDATE OF "title", "fileName", "mediaType", "text" ON "SourceDocument"
WHEN (NEW."title" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."title" AS BLOB), x'00') > 0 OR instr(CAST(NEW."title" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."title" AS BLOB), x'EFBFBF') > 0)
  OR (NEW."fileName" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."fileName" AS BLOB), x'00') > 0 OR instr(CAST(NEW."fileName" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."fileName" AS BLOB), x'EFBFBF') > 0)
  OR (NEW."mediaType" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."mediaType" AS BLOB), x'00') > 0 OR instr(CAST(NEW."mediaType" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."mediaType" AS BLOB), x'EFBFBF') > 0)
  OR (NEW."text" GLOB '*[' || char(1, 45, 8, 11, 45, 12, 14, 45, 31, 127, 45, 159, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."text" AS BLOB), x'00') > 0 OR instr(CAST(NEW."text" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."text" AS BLOB), x'EFBFBF') > 0)
BEGIN
  SELECT RAISE(ABORT, 'SourceDocument: text contains a character that is not allowed');
END;

-- Candidate commitments the intake read in a document, pending until reviewed (app/modules/intake/).
-- CreateTable
CREATE TABLE "IntakeCandidate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "quote" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "area" TEXT,
    "party" TEXT,
    "countries" TEXT NOT NULL DEFAULT '',
    "targetDate" DATETIME,
    "place" TEXT NOT NULL DEFAULT '',
    "cue" TEXT NOT NULL DEFAULT '',
    "acceptAs" TEXT NOT NULL DEFAULT 'new',
    "linkRef" TEXT NOT NULL DEFAULT '',
    "linkKind" TEXT NOT NULL DEFAULT 'reaffirms',
    "origin" TEXT NOT NULL DEFAULT 'rules',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "proposalId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IntakeCandidate_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "SourceDocument" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IntakeCandidate_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CHECK ("area" IS NULL OR "area" IN ('institutional','strategy','finance','digital','transport','energy','environment','disaster','education','justice','security')),
    CHECK ("party" IS NULL OR "party" IN ('JP','KZ','KG','TJ','TM','UZ')),
    CHECK ("origin" IN ('rules','analyst','split','merge')),
    CHECK ("acceptAs" IN ('new','followup','duplicate')),
    CHECK ("linkKind" IN ('reaffirms','extends','replaces')),
    CHECK (length("linkRef") <= 40),
    CHECK ("status" IN ('pending','accepted','duplicate','rejected','replaced')),
    CHECK ("start" >= 0 AND "end" > "start" AND length("quote") >= 1 AND length("title") <= 200 AND length("place") <= 200 AND "version" >= 1)
);

-- CreateIndex
CREATE INDEX "IntakeCandidate_documentId_start_idx" ON "IntakeCandidate"("documentId", "start");

-- CreateIndex
CREATE INDEX "IntakeCandidate_proposalId_idx" ON "IntakeCandidate"("proposalId");
