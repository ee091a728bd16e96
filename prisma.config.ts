// Prisma CLI configuration: migrations run through the WASM schema engine and the same driver
// the app uses, so no native engine binary is needed (docs/decisions/002-prisma-without-native-engines.md).
// DATABASE_URL chooses the provider: the embedded SQLite file (default) or a PostgreSQL server,
// each with its own schema file and migrations (docs/decisions/018-postgresql.md).
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { parse } from "pg-connection-string";
import { databaseFile, databaseProvider, prismaPaths } from "./app/config/database-url.js";

const provider = databaseProvider();
const paths = prismaPaths(provider);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: paths.schema,
  migrations: { path: paths.migrations },
  async adapter() {
    if (provider === "postgresql") {
      // Separate fields, not a connectionString: the adapter makes its shadow database for
      // `migrate diff` by overriding `database`, which a connectionString would win over.
      return new PrismaPg(parse(process.env.DATABASE_URL!) as ConstructorParameters<typeof PrismaPg>[0]);
    }
    return new PrismaBetterSQLite3({ url: databaseFile() });
  },
});
