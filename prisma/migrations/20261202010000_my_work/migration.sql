-- "My work" (issue 12): a milestone may name who does it (any active analyst or manager, checked
-- by the service), and a user may follow a proposal. SQLite adds a column with a foreign key in
-- place when its default is NULL.
ALTER TABLE "Milestone" ADD COLUMN "assigneeId" TEXT REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "Milestone_assigneeId_status_dueDate_idx" ON "Milestone"("assigneeId", "status", "dueDate");

-- CreateTable
CREATE TABLE "Watch" (
    "userId" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "proposalId"),
    CONSTRAINT "Watch_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Watch_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Watch_proposalId_idx" ON "Watch"("proposalId");
