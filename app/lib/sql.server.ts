// The tagged template for raw SQL (sql`… ${value}`), join, raw and empty, from the Prisma client
// of the configured provider. Each generated client carries its own runtime, and a client
// recognises only its own runtime's Sql objects (a foreign one is bound as a parameter, as text),
// so raw SQL is built with these, never with `Prisma.sql` from "@prisma/client" directly.
import { createRequire } from "node:module";
import { Prisma } from "@prisma/client";
import { databaseProvider } from "~/config/database-url.js";

type SqlRuntime = Pick<typeof Prisma, "sql" | "join" | "raw" | "empty">;

const runtime: SqlRuntime =
  databaseProvider() === "postgresql" ? (createRequire(import.meta.url)(".prisma/client-pg") as { Prisma: SqlRuntime }).Prisma : Prisma;

export const sql = runtime.sql;
export const join = runtime.join;
export const raw = runtime.raw;
export const empty = runtime.empty;
/** A fragment of raw SQL with its bound values (the two runtimes' classes have one shape). */
export type Sql = Prisma.Sql;
