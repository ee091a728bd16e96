import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { createHash } from "node:crypto";
import { withDatabase } from "./support-server";

// The authorization matrix of product.md §4, route by route and principal by principal.
const PRINCIPALS = ["anonymous", "viewer", "owner", "otherAnalyst", "manager", "admin"] as const;
type Principal = (typeof PRINCIPALS)[number];
const EMAIL: Record<Exclude<Principal, "anonymous">, string> = {
  viewer: "viewer@example.org",
  owner: "analyst@example.org",
  otherAnalyst: "analyst2@example.org",
  manager: "manager@example.org",
  admin: "admin@example.org",
};

let proposalId = "";
let proposalVersion = 1;
let viewerUserId = "";
const clients = {} as Record<Principal, APIRequestContext>;

test.beforeAll(async ({ baseURL }) => {
  await withDatabase(async (db) => {
    // CAJ25-23 is owned by analyst@example.org.
    const [row] = await db.all<{ id: string; version: number }>(`SELECT "id", "version" FROM "Proposal" WHERE "reference" = 'CAJ25-23'`);
    proposalId = row!.id;
    proposalVersion = Number(row!.version);
    viewerUserId = (await db.all<{ id: string }>(`SELECT "id" FROM "User" WHERE "email" = 'viewer@example.org'`))[0]!.id;
  });
  for (const p of PRINCIPALS) {
    clients[p] = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! }, maxRedirects: 0 });
    if (p !== "anonymous") {
      const res = await clients[p].post("/login", { form: { email: EMAIL[p], password: "summit-demo" } });
      expect(res.status(), `sign-in of ${p}`).toBe(302);
    }
  }
});
test.afterAll(async () => Promise.all(PRINCIPALS.map((p) => clients[p].dispose())));

/** The comment the owner analyst posted in the matrix (looked up when its row runs). */
async function ownersComment(): Promise<string> {
  const [row] = await withDatabase((db) =>
    db.all<{ id: string }>(
      `SELECT c."id" FROM "Comment" c JOIN "User" u ON u."id" = c."authorId" WHERE u."email" = 'analyst@example.org' AND c."body" LIKE 'matrix comment%'`,
    ),
  );
  return row?.id ?? "missing";
}

type Row = {
  name: string;
  method: "GET" | "POST";
  path: () => string;
  form?: () => Record<string, string> | Promise<Record<string, string>>;
  expect: Record<Principal, number>;
};
const ALL_READ = { anonymous: 302, viewer: 200, owner: 200, otherAnalyst: 200, manager: 200, admin: 200 };
const OWNER_WRITES = { anonymous: 302, viewer: 403, owner: 302, otherAnalyst: 403, manager: 302, admin: 302 };

const MATRIX: Row[] = [
  { name: "health", method: "GET", path: () => "/healthz", expect: { anonymous: 200, viewer: 200, owner: 200, otherAnalyst: 200, manager: 200, admin: 200 } },
  {
    name: "sign-in page",
    method: "GET",
    path: () => "/login",
    expect: { anonymous: 200, viewer: 302, owner: 302, otherAnalyst: 302, manager: 302, admin: 302 },
  },
  { name: "index", method: "GET", path: () => "/", expect: { anonymous: 302, viewer: 302, owner: 302, otherAnalyst: 302, manager: 302, admin: 302 } },
  ...[
    "/dashboard",
    "/proposals",
    "/proposals?q=seismic&status=agreed",
    "/board",
    "/timeline",
    "/events",
    "/report",
    "/audit",
    "/audit?action=auth.*",
    "/audit/export?format=csv",
    "/proposals/export?format=iati",
  ].map((p): Row => ({ name: p, method: "GET", path: () => p, expect: ALL_READ })),
  { name: "proposal page", method: "GET", path: () => `/proposals/${proposalId}`, expect: ALL_READ },
  {
    name: "new proposal form",
    method: "GET",
    path: () => "/proposals/new",
    expect: { anonymous: 302, viewer: 403, owner: 200, otherAnalyst: 200, manager: 200, admin: 200 },
  },
  {
    name: "edit form",
    method: "GET",
    path: () => `/proposals/${proposalId}/edit`,
    expect: { anonymous: 302, viewer: 403, owner: 200, otherAnalyst: 403, manager: 200, admin: 200 },
  },
  {
    name: "user administration",
    method: "GET",
    path: () => "/admin/users",
    expect: { anonymous: 302, viewer: 403, owner: 403, otherAnalyst: 403, manager: 403, admin: 200 },
  },

  {
    name: "post an update",
    method: "POST",
    path: () => `/proposals/${proposalId}`,
    form: () => ({ intent: "post-update", health: "on_track", body: "matrix update" }),
    expect: OWNER_WRITES,
  },
  {
    name: "add a milestone",
    method: "POST",
    path: () => `/proposals/${proposalId}`,
    form: () => ({ intent: "add-milestone", title: "Matrix milestone", dueDate: "2027-05-05" }),
    expect: OWNER_WRITES,
  },
  {
    // A manager-only move: the owner analyst may not; a manager passes the permission check and
    // is then stopped by the forged (stale) version: 409, nothing changes.
    name: "forged status: complete",
    method: "POST",
    path: () => `/proposals/${proposalId}`,
    form: () => ({ intent: "transition", to: "completed", note: "forged", version: "999" }),
    expect: { anonymous: 302, viewer: 403, owner: 403, otherAnalyst: 403, manager: 409, admin: 409 },
  },
  {
    name: "forged ownerId on edit",
    method: "POST",
    path: () => `/proposals/${proposalId}/edit`,
    form: () => ({
      title: "Forum of Rectors of leading universities",
      area: "education",
      proposingParty: "UZ",
      countries: "UZ",
      priority: "low",
      ownerId: viewerUserId,
      version: "999",
    }),
    expect: { anonymous: 302, viewer: 403, owner: 403, otherAnalyst: 403, manager: 409, admin: 409 },
  },
  {
    name: "create a proposal (empty form)",
    method: "POST",
    path: () => "/proposals/new",
    form: () => ({ title: "" }),
    expect: { anonymous: 302, viewer: 403, owner: 400, otherAnalyst: 400, manager: 400, admin: 400 },
  },
  {
    name: "move a card (forged)",
    method: "POST",
    path: () => "/board",
    form: () => ({ intent: "transition", proposalId, to: "on_hold", note: "forged", version: "999" }),
    expect: { anonymous: 302, viewer: 403, owner: 409, otherAnalyst: 403, manager: 409, admin: 409 },
  },
  {
    name: "change a role (forged version)",
    method: "POST",
    path: () => "/admin/users",
    form: () => ({ intent: "role", userId: viewerUserId, role: "admin", version: "999" }),
    expect: { anonymous: 302, viewer: 403, owner: 403, otherAnalyst: 403, manager: 403, admin: 409 },
  },
  // Who may act is settled before what was sent is parsed: an incomplete form from someone who
  // may not act is a 403, not a 400 with field errors (issue 10 item 11).
  ...[
    { name: "incomplete edit form", path: () => `/proposals/${proposalId}/edit`, form: () => ({ title: "" }) },
    { name: "incomplete progress update", path: () => `/proposals/${proposalId}`, form: () => ({ intent: "post-update", body: "" }) },
    { name: "incomplete milestone", path: () => `/proposals/${proposalId}`, form: () => ({ intent: "add-milestone" }) },
    { name: "incomplete card move", path: () => "/board", form: () => ({ intent: "transition", proposalId }) },
  ].map((r): Row => ({ ...r, method: "POST", expect: { anonymous: 302, viewer: 403, owner: 400, otherAnalyst: 403, manager: 400, admin: 400 } })),
  // Comments (issue 12 item 8): every role but viewer, on any proposal; an edit is its author's alone.
  {
    name: "post a comment",
    method: "POST",
    path: () => `/proposals/${proposalId}`,
    form: () => ({ intent: "add-comment", body: "matrix comment" }),
    expect: { anonymous: 302, viewer: 403, owner: 302, otherAnalyst: 302, manager: 302, admin: 302 },
  },
  {
    name: "incomplete comment",
    method: "POST",
    path: () => `/proposals/${proposalId}`,
    form: () => ({ intent: "add-comment", body: "" }),
    expect: { anonymous: 302, viewer: 403, owner: 400, otherAnalyst: 400, manager: 400, admin: 400 },
  },
  {
    // The owner analyst's own "matrix comment": they may edit it; nobody else may, whatever the version.
    name: "edit a comment (the owner analyst's)",
    method: "POST",
    path: () => `/proposals/${proposalId}`,
    form: async () => ({ intent: "edit-comment", commentId: await ownersComment(), version: "1", body: "matrix comment, edited" }),
    expect: { anonymous: 302, viewer: 403, owner: 302, otherAnalyst: 403, manager: 403, admin: 403 },
  },
  {
    name: "edit a comment (forged id)",
    method: "POST",
    path: () => `/proposals/${proposalId}`,
    form: () => ({ intent: "edit-comment", commentId: "no-such-comment", version: "1", body: "forged" }),
    expect: { anonymous: 302, viewer: 403, owner: 404, otherAnalyst: 404, manager: 404, admin: 404 },
  },
  // The account page (issue 12 item 11): anyone signed in, on their own account only.
  { name: "account page", method: "GET", path: () => "/account", expect: ALL_READ },
  {
    name: "change password (new ones differ)",
    method: "POST",
    path: () => "/account",
    form: () => ({ intent: "change-password", current: "summit-demo", password: "a-new-password-1", confirm: "a-new-password-2" }),
    expect: { anonymous: 302, viewer: 400, owner: 400, otherAnalyst: 400, manager: 400, admin: 400 },
  },
  {
    name: "end a session that is not one's own (forged id)",
    method: "POST",
    path: () => "/account",
    form: () => ({ intent: "end-session", sessionId: "0".repeat(64) }),
    expect: { anonymous: 302, viewer: 409, owner: 409, otherAnalyst: 409, manager: 409, admin: 409 },
  },
  // Notifications (issue 17): one's own inbox and settings; the unsubscribe link and the calendar
  // feed need no sign-in, their token is the credential, and a bad one is a 404 to everyone.
  { name: "inbox", method: "GET", path: () => "/inbox", expect: ALL_READ },
  {
    name: "mark a notification read (forged id)",
    method: "POST",
    path: () => "/inbox",
    form: () => ({ formId: "inbox", intent: "read", id: "no-such-notification" }),
    expect: { anonymous: 302, viewer: 404, owner: 404, otherAnalyst: 404, manager: 404, admin: 404 },
  },
  {
    name: "e-mail setting (not one of the choices)",
    method: "POST",
    path: () => "/account",
    form: () => ({ formId: "mail", intent: "mail", mailFrequency: "hourly" }),
    expect: { anonymous: 302, viewer: 400, owner: 400, otherAnalyst: 400, manager: 400, admin: 400 },
  },
  {
    name: "unsubscribe (forged token)",
    method: "POST",
    path: () => `/unsubscribe/${"a".repeat(25)}.${"b".repeat(43)}`,
    form: () => ({ formId: "unsubscribe" }),
    expect: { anonymous: 404, viewer: 404, owner: 404, otherAnalyst: 404, manager: 404, admin: 404 },
  },
  {
    name: "calendar feed (unknown token)",
    method: "GET",
    path: () => `/calendar/${"c".repeat(32)}.ics`,
    expect: { anonymous: 404, viewer: 404, owner: 404, otherAnalyst: 404, manager: 404, admin: 404 },
  },
  // Saved views (item 9): anyone signed in; bulk actions (item 10): managers, settled before parsing.
  {
    name: "save a view (no name)",
    method: "POST",
    path: () => "/proposals?index",
    form: () => ({ intent: "save-view", name: "", query: "status=agreed" }),
    expect: { anonymous: 302, viewer: 400, owner: 400, otherAnalyst: 400, manager: 400, admin: 400 },
  },
  {
    name: "delete a view (forged id)",
    method: "POST",
    path: () => "/proposals?index",
    form: () => ({ intent: "delete-view", viewId: "no-such-view" }),
    expect: { anonymous: 302, viewer: 409, owner: 409, otherAnalyst: 409, manager: 409, admin: 409 },
  },
  {
    // Completing needs a note: a manager's bulk move is answered with its summary (200), each
    // record refused with its reason, and nothing changes.
    name: "bulk move (refused per record)",
    method: "POST",
    path: () => "/proposals?index",
    form: () => ({ intent: "bulk", op: "transition", to: "completed", ids: proposalId, note: "" }),
    expect: { anonymous: 302, viewer: 403, owner: 403, otherAnalyst: 403, manager: 200, admin: 200 },
  },
  {
    name: "incomplete bulk action",
    method: "POST",
    path: () => "/proposals?index",
    form: () => ({ intent: "bulk", op: "owner" }),
    expect: { anonymous: 302, viewer: 403, owner: 403, otherAnalyst: 403, manager: 400, admin: 400 },
  },
  {
    name: "choose a language",
    method: "POST",
    path: () => "/settings/locale",
    form: () => ({ locale: "en", redirectTo: "/dashboard" }),
    expect: { anonymous: 302, viewer: 302, owner: 302, otherAnalyst: 302, manager: 302, admin: 302 },
  },
];

for (const row of MATRIX) {
  test(`${row.method} ${row.name}`, async () => {
    for (const p of PRINCIPALS) {
      const res = row.method === "GET" ? await clients[p].get(row.path()) : await clients[p].post(row.path(), { form: await row.form!() });
      expect(res.status(), `${p} → ${row.method} ${row.path()}`).toBe(row.expect[p]);
      // Choosing a language is for anyone: the sign-in page has the menu too (issue 18).
      if (p === "anonymous" && row.expect[p] === 302 && row.name !== "index" && row.name !== "choose a language")
        expect(res.headers()["location"]).toMatch(/^\/login/);
    }
  });
}

test("forged fields changed nothing", async () => {
  const [row, viewer] = await withDatabase(
    async (db) =>
      [
        (
          await db.all<{ status: string; ownerId: string; version: number }>(`SELECT "status", "ownerId", "version" FROM "Proposal" WHERE "id" = ?`, proposalId)
        )[0]!,
        (await db.all<{ role: string }>(`SELECT "role" FROM "User" WHERE "id" = ?`, viewerUserId))[0]!,
      ] as const,
  );
  expect(row.status).toBe("in_progress");
  expect(row.ownerId).not.toBe(viewerUserId);
  expect(Number(row.version)).toBe(proposalVersion);
  expect(viewer.role).toBe("viewer");
});

/** Everything but sessions (whose last-seen time is bookkeeping, not data), rows in a fixed order on either provider. */
function digest(): Promise<string> {
  return withDatabase(async (db) => {
    const hash = createHash("sha256");
    for (const table of ["Summit", "User", "Proposal", "ProposalCountry", "Milestone", "ProgressUpdate", "Comment", "CommentMention", "AuditEvent"]) {
      const rows = (await db.all(`SELECT * FROM "${table}"`)).map((r) => JSON.stringify(r, (_, v) => (typeof v === "bigint" ? String(v) : v)));
      for (const r of rows.sort()) hash.update(r);
    }
    return hash.digest("hex");
  });
}

test("no GET changes data: a manager crawls every GET route and the database is unchanged", async () => {
  const manager = clients.manager;
  const before = await digest();
  const ids = (await withDatabase((db) => db.all<{ id: string }>(`SELECT "id" FROM "Proposal"`))).map((r) => r.id);
  const paths = [
    "/",
    "/dashboard",
    "/proposals",
    "/proposals?sort=progress&dir=desc",
    "/proposals?q=tashkent",
    "/proposals?overdue=1",
    "/proposals?stale=red",
    "/proposals/new",
    "/board",
    "/board?area=energy",
    "/timeline",
    "/timeline?group=area&historical=include",
    "/events",
    "/events/not-an-id",
    "/report",
    "/report?historical=include",
    "/audit",
    "/audit?verify=1",
    "/audit?action=auth.*",
    "/audit/export?format=csv",
    "/audit/export?format=ndjson",
    "/proposals/export?format=csv",
    "/proposals/export?format=json",
    "/proposals/export?format=iati",
    "/admin/users",
    "/account",
    "/inbox",
    "/inbox?show=unread&after=2026-01-01T00:00:00.000Z~zz",
    "/unsubscribe/not-a-token",
    `/unsubscribe/${"a".repeat(25)}.${"b".repeat(43)}`,
    "/calendar/not-a-token.ics",
    "/healthz",
    "/logout",
    "/settings/locale",
    "/no/such/page",
    "/proposals/not-an-id",
    ...ids.flatMap((id) => [`/proposals/${id}`, `/proposals/${id}/edit`]),
  ];
  for (const p of paths) {
    const res = await manager.get(p);
    expect(res.status(), p).toBeLessThan(500);
  }
  expect(await digest()).toBe(before);
});
