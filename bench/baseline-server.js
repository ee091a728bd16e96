// The baseline: the app's reads (the filtered list, the list with a text search, a proposal page
// with its milestones, latest 20 updates and latest 50 history events (as the app shows them), an audit log page) answered by
// better-sqlite3 and node:http with plain HTML and no session, so the benchmark can show what the
// rest costs (docs/decisions/020-benchmark-method.md). The same SQL shapes as the app's, on the
// same file; no sign-in, no read cache, no React.
import Database from "better-sqlite3";
import http from "node:http";

const db = new Database(process.env.BENCH_DB, { readonly: true });
db.pragma("busy_timeout = 5000");
const PAGE = 50;
const progress = `(SELECT COUNT(*) FROM Milestone m WHERE m.proposalId = p.id AND m.status = 'done') AS done,
         (SELECT COUNT(*) FROM Milestone m WHERE m.proposalId = p.id AND m.status <> 'cancelled') AS counted`;
const filtered = {
  count: db.prepare(`SELECT COUNT(*) AS n FROM Proposal p WHERE p.status = ? AND p.area = ?`),
  page: db.prepare(`
  SELECT p.id, p.reference, p.title, p.area, p.status, p.health, u.name AS ownerName, p.targetDate, ${progress}
  FROM Proposal p JOIN User u ON u.id = p.ownerId WHERE p.status = ? AND p.area = ? ORDER BY p.reference LIMIT ${PAGE} OFFSET ?`),
};
const searched = {
  count: db.prepare(`SELECT COUNT(*) AS n FROM Proposal p WHERE p.rowid IN (SELECT rowid FROM ProposalSearch WHERE ProposalSearch MATCH ?)`),
  page: db.prepare(`
  SELECT p.id, p.reference, p.title, p.area, p.status, p.health, u.name AS ownerName, p.targetDate, ${progress}
  FROM Proposal p JOIN User u ON u.id = p.ownerId
  JOIN (SELECT rowid AS rid, bm25(ProposalSearch, 10.0, 8.0, 3.0, 2.0, 2.0) AS rank FROM ProposalSearch WHERE ProposalSearch MATCH ?) s ON s.rid = p.rowid
  ORDER BY s.rank, p.reference LIMIT ${PAGE} OFFSET ?`),
};
const proposal = db.prepare(
  `SELECT p.*, u.name AS ownerName, s.name AS summitName FROM Proposal p JOIN User u ON u.id = p.ownerId JOIN Summit s ON s.id = p.summitId WHERE p.id = ?`,
);
const countries = db.prepare(`SELECT country FROM ProposalCountry WHERE proposalId = ? ORDER BY country`);
const milestones = db.prepare(`SELECT * FROM Milestone WHERE proposalId = ? ORDER BY position`);
const updates = db.prepare(
  `SELECT u.*, a.name AS author FROM ProgressUpdate u JOIN User a ON a.id = u.authorId WHERE u.proposalId = ? ORDER BY u.createdAt DESC, u.id DESC LIMIT 21`,
);
const history = db.prepare(
  `SELECT * FROM AuditEvent WHERE proposalId = ? AND action NOT IN ('auth.forbidden', 'proposal.watched', 'proposal.unwatched') ORDER BY seq DESC LIMIT 51`,
);
const audit = db.prepare(
  `SELECT seq, occurredAt, actorName, actorRole, action, entityType, entityId, changes, reason FROM AuditEvent WHERE seq < ? ORDER BY seq DESC LIMIT ${PAGE + 1}`,
);
const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const ftsQuery = (q) =>
  (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .slice(0, 12)
    .map((w) => `"${w}"*`)
    .join(" AND ");
const html = (res, body) => {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
  res.end(`<!doctype html>${body}`);
};

const handle = (req, res) => {
  const url = new URL(req.url, "http://x");
  if (url.pathname === "/list") {
    const page = Math.max(1, Number(url.searchParams.get("page") ?? 1));
    const q = url.searchParams.get("q");
    const [n, rows] = q
      ? [searched.count.get(ftsQuery(q)).n, searched.page.all(ftsQuery(q), (page - 1) * PAGE)]
      : [
          filtered.count.get(url.searchParams.get("status"), url.searchParams.get("area")).n,
          filtered.page.all(url.searchParams.get("status"), url.searchParams.get("area"), (page - 1) * PAGE),
        ];
    return html(
      res,
      `<title>Proposals</title><p>${n} proposals</p><table>${rows
        .map(
          (r) =>
            `<tr><td>${esc(r.reference)}</td><td><a href="/proposal/${r.id}">${esc(r.title)}</a></td><td>${esc(r.area)}</td><td>${esc(r.status)}</td><td>${esc(r.health)}</td><td>${esc(r.ownerName)}</td><td>${esc(r.targetDate)}</td><td>${r.counted ? Math.round((100 * r.done) / r.counted) : 0}%</td></tr>`,
        )
        .join("")}</table>`,
    );
  }
  if (url.pathname === "/audit") {
    const before = Number(url.searchParams.get("before") ?? Number.MAX_SAFE_INTEGER);
    const rows = audit.all(before);
    return html(
      res,
      `<title>Audit log</title><table>${rows
        .slice(0, PAGE)
        .map(
          (r) =>
            `<tr><td>${r.seq}</td><td>${esc(r.occurredAt)}</td><td>${esc(r.actorName)} (${esc(r.actorRole)})</td><td>${esc(r.action)}</td><td>${esc(r.entityType)} ${esc(r.entityId)}</td><td>${esc(r.changes)}</td><td>${esc(r.reason)}</td></tr>`,
        )
        .join("")}</table>${rows.length > PAGE ? `<a href="/audit?before=${rows[PAGE - 1].seq}">Older</a>` : ""}`,
    );
  }
  const m = /^\/proposal\/(\w+)$/.exec(url.pathname);
  if (m) {
    const p = proposal.get(m[1]);
    if (!p) return res.writeHead(404).end();
    return html(
      res,
      `<title>${esc(p.title)}</title><h1>${esc(p.reference)} ${esc(p.title)}</h1><p>${esc(p.summary)}</p><blockquote>${esc(p.sourceQuote)}</blockquote>
        <p>${countries
          .all(p.id)
          .map((c) => c.country)
          .join(" ")}</p>
        <ol>${milestones
          .all(p.id)
          .map((x) => `<li>${esc(x.title)} ${esc(x.dueDate)} ${esc(x.status)}</li>`)
          .join("")}</ol>
        <ol>${updates
          .all(p.id)
          .map((x) => `<li>${esc(x.author)}: ${esc(x.body)}</li>`)
          .join("")}</ol>
        <ol>${history
          .all(p.id)
          .map((x) => `<li>${esc(x.actorName)} ${esc(x.action)} ${esc(x.changes)}</li>`)
          .join("")}</ol>`,
    );
  }
  res.writeHead(404).end();
};

// A failing request is a 500 (an error in the bench's figures), not the end of the baseline.
http
  .createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  })
  .listen(Number(process.env.PORT), () => console.log("baseline ready"));
