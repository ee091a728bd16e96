// npm run audit:head [-- --database file:…] — prints the current head of the audit chain as
// <seq>:<hash>, for an operator to keep outside the database and pass to `audit:verify --head`.
import { databaseFile } from "../app/config/database-url.js";
import { chainHead } from "../app/modules/audit/verify.server";
import { parseCommandLine } from "./args";

const { values } = parseCommandLine("npm run audit:head [-- --database file:…]", { database: { type: "string" } });
const head = chainHead(databaseFile(values.database ?? process.env.DATABASE_URL));
console.log(`${head.seq}:${head.hash}`);
