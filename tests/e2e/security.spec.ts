import { expect, test } from "@playwright/test";
import { copyOfE2eDatabase } from "../support/e2e-databases.js";
import { postForm, sidePort, startServer } from "./support-server";

test.describe("sign-in limits, on a server with the default limits", () => {
  // A fresh server per test on a database copy of its own: the counts are in the database
  // (shared by every process on it), and each test starts from zero.
  let server: Awaited<ReturnType<typeof startServer>>;
  let copy: Awaited<ReturnType<typeof copyOfE2eDatabase>>;
  test.beforeEach(async () => {
    copy = await copyOfE2eDatabase("signin-limits");
    server = await startServer(sidePort(11), { COOKIE_SECURE: "false", DATABASE_URL: copy.url });
  });
  test.afterEach(async () => {
    await server.stop();
    await copy.drop();
  });

  test("the 11th attempt on one account within a minute gets 429, even with the right password", async () => {
    for (let i = 1; i <= 10; i++) {
      const res = await postForm(server.url, "/login", { email: "viewer@example.org", password: `wrong-${i}` }, { "X-Forwarded-For": `10.0.0.${i}` });
      expect(res.status, `attempt ${i}`).toBe(400);
    }
    const eleventh = await postForm(server.url, "/login", { email: "viewer@example.org", password: "summit-demo" });
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(eleventh.headers.get("set-cookie") ?? "").not.toContain("st_session=");
  });

  test("the 11th attempt from one address gets 429; a forged X-Forwarded-For does not reset it", async () => {
    for (let i = 1; i <= 10; i++) {
      const res = await postForm(server.url, "/login", { email: `someone-${i}@example.org`, password: "whatever" }, { "X-Forwarded-For": `203.0.113.${i}` });
      expect(res.status, `attempt ${i}`).toBe(400);
    }
    const res = await postForm(server.url, "/login", { email: "analyst@example.org", password: "summit-demo" }, { "X-Forwarded-For": "198.51.100.7" });
    expect(res.status).toBe(429);
  });
});

test("sign-in errors do not reveal whether the account exists", async ({ request }) => {
  const unknown = await request.post("/login", { form: { email: "nobody@example.org", password: "x-wrong-pass" }, maxRedirects: 0 });
  const known = await request.post("/login", { form: { email: "manager@example.org", password: "x-wrong-pass" }, maxRedirects: 0 });
  expect(unknown.status()).toBe(known.status());
  const message = (html: string) => /<p class="form-error"[^>]*>([^<]*)</.exec(html)?.[1];
  expect(message(await unknown.text())).toBe(message(await known.text()));
});

test("security headers on every page", async ({ request }) => {
  for (const path of ["/login", "/healthz", "/dashboard"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    const h = res.headers();
    expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
    for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "default-src 'self'"]) expect(h["content-security-policy"]).toContain(d);
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["x-powered-by"]).toBeUndefined();
    // What a page cost (statements, cache hits) is the benchmark's, only with SERVER_TIMING=true.
    expect(h["server-timing"]).toBeUndefined();
  }
  // Every script tag carries this response's nonce.
  const page = await request.get("/login");
  const nonce = /'nonce-([^']+)'/.exec(page.headers()["content-security-policy"])![1];
  const scripts = [...(await page.text()).matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const attrs of scripts) expect(attrs).toContain(`nonce="${nonce}"`);
});

test("in production the cookie is __Host-, Secure, HttpOnly, SameSite=Lax, and HSTS is sent", async () => {
  const server = await startServer(sidePort(12), { SIGNIN_LIMIT_PER_IP: "1000", SIGNIN_LIMIT_PER_ACCOUNT: "1000" });
  try {
    const res = await postForm(server.url, "/login", { email: "viewer@example.org", password: "summit-demo" });
    expect(res.status).toBe(302);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^__Host-st_session=[A-Za-z0-9_%=-]{40,};/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
  } finally {
    await server.stop();
  }
});

test.describe("cross-site requests", () => {
  test("a POST from another site is refused with 403 and changes nothing", async ({ request, baseURL }) => {
    const evil = await request.post("/login", {
      form: { email: "manager@example.org", password: "summit-demo" },
      headers: { Origin: "https://evil.example" },
      maxRedirects: 0,
    });
    expect(evil.status()).toBe(403);
    const fetchSite = await request.post("/logout", { headers: { "Sec-Fetch-Site": "cross-site" }, maxRedirects: 0 });
    expect(fetchSite.status()).toBe(403);
    const nullOrigin = await request.post("/logout", { headers: { Origin: "null" }, maxRedirects: 0 });
    expect(nullOrigin.status()).toBe(403);
    const same = await request.post("/login", {
      form: { email: "manager@example.org", password: "summit-demo" },
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
    expect(same.status()).toBe(302);
  });
});

test.describe("request bodies over the limit get 413", () => {
  test("with a Content-Length", async ({ request }) => {
    const res = await request.post("/login", {
      data: "x".repeat(300 * 1024),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(413);
  });

  test("without a Content-Length (chunked)", async ({ baseURL }) => {
    const big = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode("x".repeat(16 * 1024)));
        controller.close();
      },
    });
    const res = await fetch(`${baseURL}/login`, {
      method: "POST",
      body: big,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      duplex: "half",
    } as RequestInit & { duplex: string }).catch((e: Error) => e);
    // Either the 413 answer arrives, or the server cuts the upload off; it never reaches the app.
    if (res instanceof Error) expect(String(res)).toMatch(/fetch failed|socket|reset|closed/i);
    else expect(res.status).toBe(413);
  });
});
