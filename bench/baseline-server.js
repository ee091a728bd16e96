// The baseline: the same two reads as the app (the filtered list, a proposal page), answered by
// better-sqlite3 and node:http with plain HTML, so the benchmark can show the cost of the rest.
import Database from "better-sqlite3";
import http from "node:http";

const db = new Database(process.env.BENCH_DB, { readonly: true });
db.pragma("busy_timeout = 5000");
const count = db.prepare(`SELECT COUNT(*) AS n FROM Proposal p WHERE p.status = ? AND p.area = ?`);
const page = db.prepare(`
  SELECT p.id, p.reference, p.title, p.area, p.status, p.health, u.name AS ownerName, p.targetDate,
         (SELECT COUNT(*) FROM Milestone m WHERE m.proposalId = p.id AND m.status = 'done') AS done,
         (SELECT COUNT(*) FROM Milestone m WHERE m.proposalId = p.id AND m.status <> 'cancelled') AS counted
  FROM Proposal p JOIN User u ON u.id = p.ownerId WHERE p.status = ? AND p.area = ? ORDER BY p.reference LIMIT 50 OFFSET 0`);
const proposal = db.prepare(
  `SELECT p.*, u.name AS ownerName, s.name AS summitName FROM Proposal p JOIN User u ON u.id = p.ownerId JOIN Summit s ON s.id = p.summitId WHERE p.id = ?`,
);
const countries = db.prepare(`SELECT country FROM ProposalCountry WHERE proposalId = ? ORDER BY country`);
const milestones = db.prepare(`SELECT * FROM Milestone WHERE proposalId = ? ORDER BY position`);
const updates = db.prepare(
  `SELECT u.*, a.name AS author FROM ProgressUpdate u JOIN User a ON a.id = u.authorId WHERE u.proposalId = ? ORDER BY u.createdAt DESC`,
);
const history = db.prepare(`SELECT * FROM AuditEvent WHERE proposalId = ? ORDER BY seq DESC LIMIT 200`);
const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

http
  .createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/list") {
      const status = url.searchParams.get("status");
      const area = url.searchParams.get("area");
      const n = count.get(status, area).n;
      const rows = page.all(status, area);
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(
        `<!doctype html><title>Proposals</title><p>${n} proposals</p><table>${rows
          .map(
            (r) =>
              `<tr><td>${esc(r.reference)}</td><td><a href="/proposal/${r.id}">${esc(r.title)}</a></td><td>${esc(r.area)}</td><td>${esc(r.status)}</td><td>${esc(r.health)}</td><td>${esc(r.ownerName)}</td><td>${esc(r.targetDate)}</td><td>${r.counted ? Math.round((100 * r.done) / r.counted) : 0}%</td></tr>`,
          )
          .join("")}</table>`,
      );
      return;
    }
    const m = /^\/proposal\/(\w+)$/.exec(url.pathname);
    if (m) {
      const p = proposal.get(m[1]);
      if (!p) return res.writeHead(404).end();
      const body = `<!doctype html><title>${esc(p.title)}</title><h1>${esc(p.reference)} ${esc(p.title)}</h1><p>${esc(p.summary)}</p><blockquote>${esc(p.sourceQuote)}</blockquote>
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
          .join("")}</ol>`;
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      return res.end(body);
    }
    res.writeHead(404).end();
  })
  .listen(Number(process.env.PORT), () => console.log("baseline ready"));
