// The demo accounts and their published password (README "Demo accounts", product.md §6), in
// plain JavaScript so that both the seed (prisma/seed.ts) and the demo start's log (server.js,
// under `npm start`) read them from one place.
import fs from "node:fs";

export const DEMO_PASSWORD = "summit-demo";

/** The demo users of prisma/demo-data.json: email and role, in the file's order. */
export function demoAccounts() {
  const data = JSON.parse(fs.readFileSync(new URL("./demo-data.json", import.meta.url), "utf8"));
  return data.users.map((/** @type {{ email: string; role: string }} */ u) => ({ email: u.email, role: u.role }));
}
