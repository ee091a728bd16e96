// npm run user:create -- --email you@example.org --name "Your Name" --role admin [--password …]
// Creates a user; how an operator makes the first admin of a production database. Without
// --password (or USER_PASSWORD) a strong random password is generated and printed once.
import { randomBytes, randomUUID } from "node:crypto";
import { db, readDb } from "../app/db.server";
import { RuleError } from "../app/lib/errors";
import { StorageError } from "../app/lib/storage.server";
import { createUserSchema } from "../app/modules/users/schemas";
import { createUser } from "../app/modules/users/service.server";
import { parseCommandLine, refuse } from "./args";

const USAGE = 'npm run user:create -- --email you@example.org --name "Your Name" --role admin [--password …]';
const { values } = parseCommandLine(USAGE, { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, password: { type: "string" } });
const generated = !values.password && !process.env.USER_PASSWORD;
const parsed = createUserSchema.safeParse({
  email: values.email,
  name: values.name ?? values.email?.split("@")[0],
  role: values.role ?? "admin",
  password: values.password ?? process.env.USER_PASSWORD ?? randomBytes(18).toString("base64url"),
});
if (!parsed.success) refuse(USAGE, parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("\n"));
try {
  const user = await createUser({ id: null, name: "Operator (command line)", role: "system" }, parsed.data, { requestId: `cli-${randomUUID()}` });
  console.log(`Created ${user.role} ${user.email}.`);
  if (generated) console.log(`Password (shown once, change it after signing in): ${parsed.data.password}`);
} catch (error) {
  if (error instanceof RuleError || error instanceof StorageError) {
    console.error(
      error instanceof StorageError
        ? `Nothing was saved: the database cannot store anything right now (${error.fault.code}: ${error.fault.message}).`
        : error.message,
    );
    process.exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await Promise.all([db.$disconnect(), readDb.$disconnect()]);
}
