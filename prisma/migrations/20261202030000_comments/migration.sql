-- Comments on a proposal (issue 12 item 8, docs/decisions/017-comments.md): a body its author may
-- edit for 15 minutes (the service enforces the window; editedAt marks an edited comment), and
-- one row per mentioned user, which the notifications inbox (issue 17) will read. Generated with
-- `prisma migrate diff --from-empty --to-schema-datamodel prisma/schema.prisma --script` (these
-- tables' statements only), then given the CHECK constraints of the other tables (code-point
-- length as the zod schema counts it, positive version, an edit not before the post) and the
-- forbidden-character triggers of 20261201000000_forbidden_characters on the body (multi-line
-- text rule of app/modules/proposals/text.ts).

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "proposalId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" DATETIME,
    CONSTRAINT "Comment_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CHECK (length("body") BETWEEN 1 AND 4000),
    CHECK ("version" >= 1),
    CHECK ("editedAt" IS NULL OR "editedAt" >= "createdAt")
);

-- CreateTable
CREATE TABLE "CommentMention" (
    "commentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    PRIMARY KEY ("commentId", "userId"),
    CONSTRAINT "CommentMention_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommentMention_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Comment_proposalId_createdAt_idx" ON "Comment"("proposalId", "createdAt");

-- CreateIndex
CREATE INDEX "CommentMention_userId_idx" ON "CommentMention"("userId");

CREATE TRIGGER "Comment_text_insert" BEFORE INSERT ON "Comment"
WHEN (NEW."body" GLOB '*[' || char(1, 45, 8, 11, 45, 12, 14, 45, 31, 127, 45, 159, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."body" AS BLOB), x'00') > 0 OR instr(CAST(NEW."body" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."body" AS BLOB), x'EFBFBF') > 0)
BEGIN
  SELECT RAISE(ABORT, 'Comment: text contains a character that is not allowed');
END;

CREATE TRIGGER "Comment_text_update" BEFORE UPDATE OF "body" ON "Comment"
WHEN (NEW."body" GLOB '*[' || char(1, 45, 8, 11, 45, 12, 14, 45, 31, 127, 45, 159, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."body" AS BLOB), x'00') > 0 OR instr(CAST(NEW."body" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."body" AS BLOB), x'EFBFBF') > 0)
BEGIN
  SELECT RAISE(ABORT, 'Comment: text contains a character that is not allowed');
END;
