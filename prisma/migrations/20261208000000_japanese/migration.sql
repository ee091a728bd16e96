-- Japanese joins the interface languages (issue 18). SQLite cannot change a CHECK in place, so
-- "User" is rebuilt as Prisma rebuilds tables: foreign keys off (they are only checked again at
-- the end), copy, swap, then its indexes and text triggers again, exactly as they were.
-- It must run outside a transaction, as Prisma runs SQLite migrations: inside one, foreign_keys
-- cannot be turned off and DROP TABLE would cascade to every session, watch and notification.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "mailFrequency" TEXT NOT NULL DEFAULT 'immediate' CHECK ("mailFrequency" IN ('immediate','daily','weekly','off')),
    "calendarTokenHash" TEXT,
    "calendarTokenAt" DATETIME,
    CHECK ("role" IN ('viewer','analyst','manager','admin')),
    CHECK (length("name") BETWEEN 1 AND 120),
    CHECK (length("email") BETWEEN 3 AND 254),
    CHECK ("locale" IN ('en','ru','ja'))
);
INSERT INTO "new_User" ("id", "email", "name", "role", "passwordHash", "active", "locale", "version", "createdAt", "updatedAt", "mailFrequency", "calendarTokenHash", "calendarTokenAt") SELECT "id", "email", "name", "role", "passwordHash", "active", "locale", "version", "createdAt", "updatedAt", "mailFrequency", "calendarTokenHash", "calendarTokenAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "User_role_idx" ON "User"("role");
CREATE TRIGGER "User_text_insert" BEFORE INSERT ON "User"
WHEN (NEW."name" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."name" AS BLOB), x'00') > 0 OR instr(CAST(NEW."name" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."name" AS BLOB), x'EFBFBF') > 0)
  OR (NEW."email" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."email" AS BLOB), x'00') > 0 OR instr(CAST(NEW."email" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."email" AS BLOB), x'EFBFBF') > 0)
BEGIN
  SELECT RAISE(ABORT, 'User: text contains a character that is not allowed');
END;
CREATE TRIGGER "User_text_update" BEFORE UPDATE OF "name", "email" ON "User"
WHEN (NEW."name" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."name" AS BLOB), x'00') > 0 OR instr(CAST(NEW."name" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."name" AS BLOB), x'EFBFBF') > 0)
  OR (NEW."email" GLOB '*[' || char(1, 45, 8, 9, 45, 10, 11, 45, 12, 13, 14, 45, 31, 127, 45, 159, 8232, 45, 8233, 8234, 45, 8238, 8294, 45, 8297, 64976, 45, 65007, 131070, 45, 131071, 196606, 45, 196607, 262142, 45, 262143, 327678, 45, 327679, 393214, 45, 393215, 458750, 45, 458751, 524286, 45, 524287, 589822, 45, 589823, 655358, 45, 655359, 720894, 45, 720895, 786430, 45, 786431, 851966, 45, 851967, 917502, 45, 917503, 983038, 45, 983039, 1048574, 45, 1048575, 1114110, 45, 1114111) || ']*' OR instr(CAST(NEW."email" AS BLOB), x'00') > 0 OR instr(CAST(NEW."email" AS BLOB), x'EFBFBE') > 0 OR instr(CAST(NEW."email" AS BLOB), x'EFBFBF') > 0)
BEGIN
  SELECT RAISE(ABORT, 'User: text contains a character that is not allowed');
END;
CREATE UNIQUE INDEX "User_calendarTokenHash_key" ON "User"("calendarTokenHash");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
