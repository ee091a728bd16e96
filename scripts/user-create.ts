// npm run user:create -- --email you@example.org --name "Your Name" --role admin [--password …]
// Creates a user; how an operator makes the first admin of a production database. Without
// --password (or USER_PASSWORD) a strong random password is generated and printed once.
import { randomBytes, randomUUID } from "node:crypto";
import { db, readDb } from "../app/db.server";
import { RuleError } from "../app/lib/errors";
import { createUserSchema } from "../app/modules/users/schemas";
import { createUser } from "../app/modules/users/service.server";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const generated = !arg("password") && !process.env.USER_PASSWORD;
const parsed = createUserSchema.safeParse({
  email: arg("email"),
  name: arg("name") ?? arg("email")?.split("@")[0],
  role: arg("role") ?? "admin",
  password: arg("password") ?? process.env.USER_PASSWORD ?? randomBytes(18).toString("base64url"),
});
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`--${issue.path.join(".")}: ${issue.message}`);
  console.error('Usage: npm run user:create -- --email you@example.org --name "Your Name" --role admin [--password …]');
  process.exit(2);
}
try {
  const user = await createUser({ id: null, name: "Operator (command line)", role: "system" }, parsed.data, { requestId: `cli-${randomUUID()}` });
  console.log(`Created ${user.role} ${user.email}.`);
  if (generated) console.log(`Password (shown once, change it after signing in): ${parsed.data.password}`);
} catch (error) {
  if (error instanceof RuleError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
} finally {
  await Promise.all([db.$disconnect(), readDb.$disconnect()]);
}
