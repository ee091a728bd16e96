// npm run audit:head [-- --database file:…|postgresql://…] — prints the current head of the audit chain as
// <seq>:<hash>, for an operator to keep outside the database and pass to `audit:verify --head`.
import { databaseTargetOf } from "../app/config/database-url.js";
import { chainHeadOf } from "../app/modules/audit/verify.server";
import { parseCommandLine } from "./args";

const { values } = parseCommandLine("npm run audit:head [-- --database file:…|postgresql://…]", { database: { type: "string" } });
const head = await chainHeadOf(databaseTargetOf(values.database ?? process.env.DATABASE_URL));
console.log(`${head.seq}:${head.hash}`);
