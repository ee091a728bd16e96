// npm run audit:head — prints the current head of the audit chain as <seq>:<hash>, for an
// operator to keep outside the database and pass to `audit:verify --head` later.
import { databaseFile } from "../app/config/database-url.js";
import { chainHead } from "../app/modules/audit/verify.server";

const head = chainHead(databaseFile());
console.log(`${head.seq}:${head.hash}`);
