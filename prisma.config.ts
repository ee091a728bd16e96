// Prisma CLI configuration: migrations run through the WASM schema engine and the same
// better-sqlite3 driver the app uses, so no native engine binary is needed
// (docs/decisions/002-prisma-without-native-engines.md).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseFile } from "./app/config/database-url.js";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url: databaseFile() });
  },
});
