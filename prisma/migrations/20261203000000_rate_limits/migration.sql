-- Sign-in, verification and password-check allowances in the database, so that every app process
-- counts against the same rows (issue 13, docs/decisions/019-several-processes.md): the store of
-- rate-limiter-flexible's RateLimiterPrisma. Keys are the limiter's prefix and a SHA-256 (never a
-- typed email), so no text rule applies; expired rows are swept by the limiters.

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL,
    "expire" DATETIME
);

-- CreateIndex
CREATE INDEX "RateLimit_expire_idx" ON "RateLimit"("expire");
