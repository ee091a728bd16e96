-- Rate limits in the database (issue 13, docs/decisions/019-several-processes.md): the PostgreSQL
-- twin of prisma/migrations/20261203000000_rate_limits. Generated with `prisma migrate diff
-- --from-migrations prisma/postgresql/migrations --to-schema-datamodel
-- prisma/postgresql/schema.prisma --script` (this table's statements only).

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMP(3),

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "RateLimit_expire_idx" ON "RateLimit"("expire");
