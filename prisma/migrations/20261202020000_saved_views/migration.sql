-- Saved views of the proposals list (issue 12 item 9): a name, the list's normalised query
-- string, private to the owner or shared with everyone. Generated with
-- `prisma migrate diff --from-empty --to-schema-datamodel prisma/schema.prisma --script`
-- (this table's statements only); the trigger holds the name to the single-line text rule of
-- app/modules/proposals/text.ts, as 20261201000000_forbidden_characters does for other tables.

-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SavedView_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SavedView_shared_name_idx" ON "SavedView"("shared", "name");

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_ownerId_name_key" ON "SavedView"("ownerId", "name");

CREATE TRIGGER "SavedView_text_insert" BEFORE INSERT ON "SavedView"
WHEN (NEW."name" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."name" AS BLOB), x'00') > 0 OR instr(CAST(NEW."name" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."name" AS BLOB), x'EFBFBF') > 0)
BEGIN
  SELECT RAISE(ABORT, 'SavedView: text contains a character that is not allowed');
END;
