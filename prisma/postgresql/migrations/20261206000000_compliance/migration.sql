-- Evidence, assessment rounds and compliance scores (issue 16, docs/decisions/022-compliance.md).
-- Evidence is a link or a stored file (content-addressed bytes in "StoredFile", as the intake's
-- documents are) that belongs to a proposal and maybe one of its milestones or updates; scores
-- cite it through "ScoreEvidence". A score is +1, 0 or -1, NULL for "not applicable". Tables from
-- `prisma migrate diff` (these statements only), then given the CHECKs and character rules of
-- the other tables (scripts/text-rules-sql.ts).
-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('link', 'file');

-- CreateEnum
CREATE TYPE "RoundKind" AS ENUM ('interim', 'final');

-- CreateEnum
CREATE TYPE "RoundStatus" AS ENUM ('open', 'closed');

-- AlterTable
ALTER TABLE "Milestone" ADD COLUMN     "evidenceRequired" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Evidence" (
    "id" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "milestoneId" TEXT,
    "updateId" TEXT,
    "kind" "EvidenceKind" NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT NOT NULL DEFAULT '',
    "publisher" TEXT NOT NULL DEFAULT '',
    "publishedOn" TIMESTAMP(3),
    "sha256" TEXT,
    "fileName" TEXT NOT NULL DEFAULT '',
    "mediaType" TEXT NOT NULL DEFAULT '',
    "byteSize" INTEGER,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentRound" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "RoundKind" NOT NULL,
    "cutoff" TIMESTAMP(3) NOT NULL,
    "status" "RoundStatus" NOT NULL DEFAULT 'open',
    "openedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "AssessmentRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplianceScore" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "country" "Country" NOT NULL,
    "score" INTEGER,
    "rationale" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ComplianceScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScoreEvidence" (
    "scoreId" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,

    CONSTRAINT "ScoreEvidence_pkey" PRIMARY KEY ("scoreId","evidenceId")
);

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

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_updateId_fkey" FOREIGN KEY ("updateId") REFERENCES "ProgressUpdate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_sha256_fkey" FOREIGN KEY ("sha256") REFERENCES "StoredFile"("sha256") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentRound" ADD CONSTRAINT "AssessmentRound_openedById_fkey" FOREIGN KEY ("openedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplianceScore" ADD CONSTRAINT "ComplianceScore_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AssessmentRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplianceScore" ADD CONSTRAINT "ComplianceScore_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplianceScore" ADD CONSTRAINT "ComplianceScore_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreEvidence" ADD CONSTRAINT "ScoreEvidence_scoreId_fkey" FOREIGN KEY ("scoreId") REFERENCES "ComplianceScore"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreEvidence" ADD CONSTRAINT "ScoreEvidence_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;


ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_kind_fields" CHECK (("kind" = 'link' AND "url" <> '' AND "sha256" IS NULL AND "byteSize" IS NULL AND "fileName" = '' AND "mediaType" = '') OR ("kind" = 'file' AND "sha256" IS NOT NULL AND "byteSize" >= 1 AND "fileName" <> '' AND "mediaType" <> '' AND "url" = ''));
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_one_home" CHECK ("milestoneId" IS NULL OR "updateId" IS NULL);
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_lengths" CHECK (char_length("title") BETWEEN 1 AND 300 AND char_length("url") <= 2000 AND char_length("publisher") <= 200 AND char_length("fileName") <= 255 AND char_length("mediaType") <= 100);
ALTER TABLE "AssessmentRound" ADD CONSTRAINT "AssessmentRound_lengths" CHECK (char_length("name") BETWEEN 1 AND 120 AND "version" >= 1);
ALTER TABLE "AssessmentRound" ADD CONSTRAINT "AssessmentRound_closed_at" CHECK (("status" = 'closed') = ("closedAt" IS NOT NULL));
ALTER TABLE "ComplianceScore" ADD CONSTRAINT "ComplianceScore_score" CHECK ("score" IS NULL OR "score" IN (-1, 0, 1));
ALTER TABLE "ComplianceScore" ADD CONSTRAINT "ComplianceScore_lengths" CHECK (char_length("rationale") BETWEEN 1 AND 4000 AND "version" >= 1);
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_text" CHECK (
    "title" !~ '[\u0001-\u0008\u0009-\u000a\u000b-\u000c\u000d\u000e-\u001f\u007f-\u009f\u2028-\u2029\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe-\uffff\U0001fffe-\U0001ffff\U0002fffe-\U0002ffff\U0003fffe-\U0003ffff\U0004fffe-\U0004ffff\U0005fffe-\U0005ffff\U0006fffe-\U0006ffff\U0007fffe-\U0007ffff\U0008fffe-\U0008ffff\U0009fffe-\U0009ffff\U000afffe-\U000affff\U000bfffe-\U000bffff\U000cfffe-\U000cffff\U000dfffe-\U000dffff\U000efffe-\U000effff\U000ffffe-\U000fffff\U0010fffe-\U0010ffff]'
    AND "url" !~ '[\u0001-\u0008\u0009-\u000a\u000b-\u000c\u000d\u000e-\u001f\u007f-\u009f\u2028-\u2029\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe-\uffff\U0001fffe-\U0001ffff\U0002fffe-\U0002ffff\U0003fffe-\U0003ffff\U0004fffe-\U0004ffff\U0005fffe-\U0005ffff\U0006fffe-\U0006ffff\U0007fffe-\U0007ffff\U0008fffe-\U0008ffff\U0009fffe-\U0009ffff\U000afffe-\U000affff\U000bfffe-\U000bffff\U000cfffe-\U000cffff\U000dfffe-\U000dffff\U000efffe-\U000effff\U000ffffe-\U000fffff\U0010fffe-\U0010ffff]'
    AND "publisher" !~ '[\u0001-\u0008\u0009-\u000a\u000b-\u000c\u000d\u000e-\u001f\u007f-\u009f\u2028-\u2029\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe-\uffff\U0001fffe-\U0001ffff\U0002fffe-\U0002ffff\U0003fffe-\U0003ffff\U0004fffe-\U0004ffff\U0005fffe-\U0005ffff\U0006fffe-\U0006ffff\U0007fffe-\U0007ffff\U0008fffe-\U0008ffff\U0009fffe-\U0009ffff\U000afffe-\U000affff\U000bfffe-\U000bffff\U000cfffe-\U000cffff\U000dfffe-\U000dffff\U000efffe-\U000effff\U000ffffe-\U000fffff\U0010fffe-\U0010ffff]'
    AND "fileName" !~ '[\u0001-\u0008\u0009-\u000a\u000b-\u000c\u000d\u000e-\u001f\u007f-\u009f\u2028-\u2029\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe-\uffff\U0001fffe-\U0001ffff\U0002fffe-\U0002ffff\U0003fffe-\U0003ffff\U0004fffe-\U0004ffff\U0005fffe-\U0005ffff\U0006fffe-\U0006ffff\U0007fffe-\U0007ffff\U0008fffe-\U0008ffff\U0009fffe-\U0009ffff\U000afffe-\U000affff\U000bfffe-\U000bffff\U000cfffe-\U000cffff\U000dfffe-\U000dffff\U000efffe-\U000effff\U000ffffe-\U000fffff\U0010fffe-\U0010ffff]'
    AND "mediaType" !~ '[\u0001-\u0008\u0009-\u000a\u000b-\u000c\u000d\u000e-\u001f\u007f-\u009f\u2028-\u2029\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe-\uffff\U0001fffe-\U0001ffff\U0002fffe-\U0002ffff\U0003fffe-\U0003ffff\U0004fffe-\U0004ffff\U0005fffe-\U0005ffff\U0006fffe-\U0006ffff\U0007fffe-\U0007ffff\U0008fffe-\U0008ffff\U0009fffe-\U0009ffff\U000afffe-\U000affff\U000bfffe-\U000bffff\U000cfffe-\U000cffff\U000dfffe-\U000dffff\U000efffe-\U000effff\U000ffffe-\U000fffff\U0010fffe-\U0010ffff]'
);
ALTER TABLE "AssessmentRound" ADD CONSTRAINT "AssessmentRound_text" CHECK (
    "name" !~ '[\u0001-\u0008\u0009-\u000a\u000b-\u000c\u000d\u000e-\u001f\u007f-\u009f\u2028-\u2029\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe-\uffff\U0001fffe-\U0001ffff\U0002fffe-\U0002ffff\U0003fffe-\U0003ffff\U0004fffe-\U0004ffff\U0005fffe-\U0005ffff\U0006fffe-\U0006ffff\U0007fffe-\U0007ffff\U0008fffe-\U0008ffff\U0009fffe-\U0009ffff\U000afffe-\U000affff\U000bfffe-\U000bffff\U000cfffe-\U000cffff\U000dfffe-\U000dffff\U000efffe-\U000effff\U000ffffe-\U000fffff\U0010fffe-\U0010ffff]'
);
ALTER TABLE "ComplianceScore" ADD CONSTRAINT "ComplianceScore_text" CHECK (
    "rationale" !~ '[\u0001-\u0008\u000b-\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe-\uffff\U0001fffe-\U0001ffff\U0002fffe-\U0002ffff\U0003fffe-\U0003ffff\U0004fffe-\U0004ffff\U0005fffe-\U0005ffff\U0006fffe-\U0006ffff\U0007fffe-\U0007ffff\U0008fffe-\U0008ffff\U0009fffe-\U0009ffff\U000afffe-\U000affff\U000bfffe-\U000bffff\U000cfffe-\U000cffff\U000dfffe-\U000dffff\U000efffe-\U000effff\U000ffffe-\U000fffff\U0010fffe-\U0010ffff]'
);
