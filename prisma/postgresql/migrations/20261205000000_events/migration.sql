-- Events and their source documents (issue 15, docs/decisions/021-intake.md): the PostgreSQL twin
-- of prisma/migrations/20261205000000_events. Generated with `prisma migrate diff --from-migrations
-- prisma/postgresql/migrations --to-schema-datamodel prisma/postgresql/schema.prisma --script`,
-- then given the same CHECKs and character rules (scripts/text-rules-sql.ts).

-- CreateEnum
CREATE TYPE "EventKind" AS ENUM ('summit', 'ministerial', 'consultative', 'forum', 'other');

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('day', 'month', 'year');

-- CreateEnum
CREATE TYPE "DocumentLanguage" AS ENUM ('en', 'ru');

-- CreateEnum
CREATE TYPE "DocumentKind" AS ENUM ('text', 'html', 'docx', 'pdf');

-- CreateEnum
CREATE TYPE "FollowUpKind" AS ENUM ('reaffirms', 'extends', 'replaces');

-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "quoteEnd" INTEGER,
ADD COLUMN     "quoteStart" INTEGER,
ADD COLUMN     "sourceDocumentId" TEXT;

-- AlterTable
ALTER TABLE "Summit" ADD COLUMN     "datePrecision" "DatePrecision" NOT NULL DEFAULT 'day',
ADD COLUMN     "kind" "EventKind" NOT NULL DEFAULT 'summit',
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "SummitCountry" (
    "summitId" TEXT NOT NULL,
    "country" "Country" NOT NULL,

    CONSTRAINT "SummitCountry_pkey" PRIMARY KEY ("summitId","country")
);

-- CreateTable
CREATE TABLE "StoredFile" (
    "sha256" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("sha256")
);

-- CreateTable
CREATE TABLE "SourceDocument" (
    "id" TEXT NOT NULL,
    "summitId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "language" "DocumentLanguage" NOT NULL,
    "kind" "DocumentKind" NOT NULL,
    "mediaType" TEXT NOT NULL,
    "fileName" TEXT NOT NULL DEFAULT '',
    "sha256" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SourceDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalFollowUp" (
    "proposalId" TEXT NOT NULL,
    "earlierId" TEXT NOT NULL,
    "kind" "FollowUpKind" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalFollowUp_pkey" PRIMARY KEY ("proposalId")
);

-- CreateIndex
CREATE INDEX "SourceDocument_summitId_createdAt_idx" ON "SourceDocument"("summitId", "createdAt");

-- CreateIndex
CREATE INDEX "SourceDocument_sha256_idx" ON "SourceDocument"("sha256");

-- CreateIndex
CREATE INDEX "ProposalFollowUp_earlierId_idx" ON "ProposalFollowUp"("earlierId");

-- CreateIndex
CREATE INDEX "Proposal_sourceDocumentId_idx" ON "Proposal"("sourceDocumentId");

-- CreateIndex
CREATE INDEX "Summit_date_idx" ON "Summit"("date");

-- AddForeignKey
ALTER TABLE "SummitCountry" ADD CONSTRAINT "SummitCountry_summitId_fkey" FOREIGN KEY ("summitId") REFERENCES "Summit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceDocument" ADD CONSTRAINT "SourceDocument_summitId_fkey" FOREIGN KEY ("summitId") REFERENCES "Summit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceDocument" ADD CONSTRAINT "SourceDocument_sha256_fkey" FOREIGN KEY ("sha256") REFERENCES "StoredFile"("sha256") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceDocument" ADD CONSTRAINT "SourceDocument_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalFollowUp" ADD CONSTRAINT "ProposalFollowUp_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalFollowUp" ADD CONSTRAINT "ProposalFollowUp_earlierId_fkey" FOREIGN KEY ("earlierId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_sourceDocumentId_fkey" FOREIGN KEY ("sourceDocumentId") REFERENCES "SourceDocument"("id") ON DELETE SET NULL ON UPDATE CASCADE;


ALTER TABLE "Summit" ADD CONSTRAINT "Summit_version" CHECK ("version" >= 1);
ALTER TABLE "StoredFile" ADD CONSTRAINT "StoredFile_lengths" CHECK (length("sha256") = 64 AND "byteSize" >= 1 AND "byteSize" = length("content"));
ALTER TABLE "SourceDocument" ADD CONSTRAINT "SourceDocument_lengths" CHECK (length("title") BETWEEN 1 AND 300 AND length("fileName") <= 255 AND length("mediaType") BETWEEN 1 AND 100 AND "byteSize" >= 1 AND length("text") >= 1);
ALTER TABLE "ProposalFollowUp" ADD CONSTRAINT "ProposalFollowUp_not_itself" CHECK ("proposalId" <> "earlierId");
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_quote_span" CHECK (("quoteStart" IS NULL AND "quoteEnd" IS NULL) OR ("sourceDocumentId" IS NOT NULL AND "quoteStart" >= 0 AND "quoteEnd" > "quoteStart"));
ALTER TABLE "Summit" ADD CONSTRAINT "Summit_text" CHECK (
    "name" !~ '[\u0001-\u0008\u0009-\u000a\u000b-\u000c\u000d\u000e-\u001f\u007f-\u009f\u2028-\u2029\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe-\uffff\U0001fffe-\U0001ffff\U0002fffe-\U0002ffff\U0003fffe-\U0003ffff\U0004fffe-\U0004ffff\U0005fffe-\U0005ffff\U0006fffe-\U0006ffff\U0007fffe-\U0007ffff\U0008fffe-\U0008ffff\U0009fffe-\U0009ffff\U000afffe-\U000affff\U000bfffe-\U000bffff\U000cfffe-\U000cffff\U000dfffe-\U000dffff\U000efffe-\U000effff\U000ffffe-\U000fffff\U0010fffe-\U0010ffff]'
    AND "place" !~ '[\u0001-\u0008\u0009-\u000a\u000b-\u000c\u000d\u000e-\u001f\u007f-\u009f\u2028-\u2029\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe-\uffff\U0001fffe-\U0001ffff\U0002fffe-\U0002ffff\U0003fffe-\U0003ffff\U0004fffe-\U0004ffff\U0005fffe-\U0005ffff\U0006fffe-\U0006ffff\U0007fffe-\U0007ffff\U0008fffe-\U0008ffff\U0009fffe-\U0009ffff\U000afffe-\U000affff\U000bfffe-\U000bffff\U000cfffe-\U000cffff\U000dfffe-\U000dffff\U000efffe-\U000effff\U000ffffe-\U000fffff\U0010fffe-\U0010ffff]'
    AND "description" !~ '[\u0001-\u0008\u000b-\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe-\uffff\U0001fffe-\U0001ffff\U0002fffe-\U0002ffff\U0003fffe-\U0003ffff\U0004fffe-\U0004ffff\U0005fffe-\U0005ffff\U0006fffe-\U0006ffff\U0007fffe-\U0007ffff\U0008fffe-\U0008ffff\U0009fffe-\U0009ffff\U000afffe-\U000affff\U000bfffe-\U000bffff\U000cfffe-\U000cffff\U000dfffe-\U000dffff\U000efffe-\U000effff\U000ffffe-\U000fffff\U0010fffe-\U0010ffff]'
);
ALTER TABLE "SourceDocument" ADD CONSTRAINT "SourceDocument_text" CHECK (
    "title" !~ '[\u0001-\u0008\u0009-\u000a\u000b-\u000c\u000d\u000e-\u001f\u007f-\u009f\u2028-\u2029\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe-\uffff\U0001fffe-\U0001ffff\U0002fffe-\U0002ffff\U0003fffe-\U0003ffff\U0004fffe-\U0004ffff\U0005fffe-\U0005ffff\U0006fffe-\U0006ffff\U0007fffe-\U0007ffff\U0008fffe-\U0008ffff\U0009fffe-\U0009ffff\U000afffe-\U000affff\U000bfffe-\U000bffff\U000cfffe-\U000cffff\U000dfffe-\U000dffff\U000efffe-\U000effff\U000ffffe-\U000fffff\U0010fffe-\U0010ffff]'
    AND "fileName" !~ '[\u0001-\u0008\u0009-\u000a\u000b-\u000c\u000d\u000e-\u001f\u007f-\u009f\u2028-\u2029\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe-\uffff\U0001fffe-\U0001ffff\U0002fffe-\U0002ffff\U0003fffe-\U0003ffff\U0004fffe-\U0004ffff\U0005fffe-\U0005ffff\U0006fffe-\U0006ffff\U0007fffe-\U0007ffff\U0008fffe-\U0008ffff\U0009fffe-\U0009ffff\U000afffe-\U000affff\U000bfffe-\U000bffff\U000cfffe-\U000cffff\U000dfffe-\U000dffff\U000efffe-\U000effff\U000ffffe-\U000fffff\U0010fffe-\U0010ffff]'
    AND "mediaType" !~ '[\u0001-\u0008\u0009-\u000a\u000b-\u000c\u000d\u000e-\u001f\u007f-\u009f\u2028-\u2029\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe-\uffff\U0001fffe-\U0001ffff\U0002fffe-\U0002ffff\U0003fffe-\U0003ffff\U0004fffe-\U0004ffff\U0005fffe-\U0005ffff\U0006fffe-\U0006ffff\U0007fffe-\U0007ffff\U0008fffe-\U0008ffff\U0009fffe-\U0009ffff\U000afffe-\U000affff\U000bfffe-\U000bffff\U000cfffe-\U000cffff\U000dfffe-\U000dffff\U000efffe-\U000effff\U000ffffe-\U000fffff\U0010fffe-\U0010ffff]'
    AND "text" !~ '[\u0001-\u0008\u000b-\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe-\uffff\U0001fffe-\U0001ffff\U0002fffe-\U0002ffff\U0003fffe-\U0003ffff\U0004fffe-\U0004ffff\U0005fffe-\U0005ffff\U0006fffe-\U0006ffff\U0007fffe-\U0007ffff\U0008fffe-\U0008ffff\U0009fffe-\U0009ffff\U000afffe-\U000affff\U000bfffe-\U000bffff\U000cfffe-\U000cffff\U000dfffe-\U000dffff\U000efffe-\U000effff\U000ffffe-\U000fffff\U0010fffe-\U0010ffff]'
);

-- Candidate commitments the intake read in a document, pending until reviewed (app/modules/intake/).
-- CreateEnum
CREATE TYPE "AcceptAs" AS ENUM ('new', 'followup', 'duplicate');

-- CreateEnum
CREATE TYPE "CandidateOrigin" AS ENUM ('rules', 'analyst', 'split', 'merge');

-- CreateEnum
CREATE TYPE "CandidateStatus" AS ENUM ('pending', 'accepted', 'duplicate', 'rejected', 'replaced');

-- CreateTable
CREATE TABLE "IntakeCandidate" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "quote" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "area" "Area",
    "party" "Country",
    "countries" TEXT NOT NULL DEFAULT '',
    "targetDate" TIMESTAMP(3),
    "place" TEXT NOT NULL DEFAULT '',
    "cue" TEXT NOT NULL DEFAULT '',
    "acceptAs" "AcceptAs" NOT NULL DEFAULT 'new',
    "linkRef" TEXT NOT NULL DEFAULT '',
    "linkKind" "FollowUpKind" NOT NULL DEFAULT 'reaffirms',
    "origin" "CandidateOrigin" NOT NULL DEFAULT 'rules',
    "status" "CandidateStatus" NOT NULL DEFAULT 'pending',
    "proposalId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IntakeCandidate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IntakeCandidate_documentId_start_idx" ON "IntakeCandidate"("documentId", "start");

-- CreateIndex
CREATE INDEX "IntakeCandidate_proposalId_idx" ON "IntakeCandidate"("proposalId");

-- AddForeignKey
ALTER TABLE "IntakeCandidate" ADD CONSTRAINT "IntakeCandidate_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "SourceDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntakeCandidate" ADD CONSTRAINT "IntakeCandidate_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "IntakeCandidate" ADD CONSTRAINT "IntakeCandidate_lengths" CHECK ("start" >= 0 AND "end" > "start" AND length("quote") >= 1 AND length("title") <= 200 AND length("place") <= 200 AND length("linkRef") <= 40 AND "version" >= 1);
