// Issue 10: what hostile or careless requests get. Every answer is a 4xx with words, never a 5xx.
import { expect, test } from "@playwright/test";
import http from "node:http";
import { postForm, sidePort, startServer } from "./support-server";

/** A raw HTTP/1.1 request, so the test controls what fetch would normalise (method, target, Host). */
function rawRequest(base: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  const url = new URL(base);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method: options.method ?? "GET", path: options.path, headers: options.headers, setHost: !options.headers?.Host },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.setTimeout(5000, () => req.destroy(new Error("no answer within 5 s")));
    req.on("error", reject);
    req.end(options.body);
  });
}

async function signedInCookie(base: string, email = "manager@example.org") {
  const res = await postForm(base, "/login", { email, password: "summit-demo" });
  expect(res.status).toBe(302);
  return res.headers.get("set-cookie")!.split(";")[0];
}

test.describe("redirect targets taken from a request stay on this site (item 3, 8)", () => {
  const HOSTILE = [
    "/%09/evil.example",
    "/\t/evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "https://evil.example/",
    "/\r\n/evil.example",
    "/x\u0000y",
    "javascript:alert(1)",
    " /dashboard",
  ];

  test("sign-in with a hostile redirectTo lands on the dashboard", async ({ baseURL }) => {
    for (const target of HOSTILE) {
      const res = await postForm(baseURL!, "/login", { email: "viewer@example.org", password: "summit-demo", redirectTo: decodeURIComponent(target) });
      expect(res.status, JSON.stringify(target)).toBe(302);
      expect(res.headers.get("location"), JSON.stringify(target)).toBe("/dashboard");
    }
  });

  test("a signed-in visit to /login?redirectTo=… goes only to a path here", async ({ baseURL }) => {
    const cookie = await signedInCookie(baseURL!);
    for (const target of HOSTILE) {
      // As the issue reported it: /login?redirectTo=/%09/evil.example, decoded by the server.
      const res = await fetch(`${baseURL}/login?redirectTo=${encodeURIComponent(decodeURIComponent(target))}`, {
        headers: { Cookie: cookie },
        redirect: "manual",
      });
      expect(res.status, JSON.stringify(target)).toBe(302);
      expect(res.headers.get("location"), JSON.stringify(target)).toBe("/dashboard");
    }
    // A real path with non-Latin-1 text is kept, percent-encoded, so the header is valid.
    const ru = await fetch(`${baseURL}/login?redirectTo=${encodeURIComponent("/proposals?q=Ташкент")}`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(ru.status).toBe(302);
    expect(ru.headers.get("location")).toBe("/proposals?q=%D0%A2%D0%B0%D1%88%D0%BA%D0%B5%D0%BD%D1%82");
  });

  test("the language switch refuses /\\evil.example and newline or NUL targets", async ({ baseURL }) => {
    const cookie = await signedInCookie(baseURL!, "viewer@example.org");
    for (const target of ["/\\evil.example", "/\n/evil.example", "/a\u0000b", "/proposals\r\nSet-Cookie: x=1", "/東京"]) {
      const res = await postForm(baseURL!, "/settings/locale", { locale: "en", redirectTo: target }, { Cookie: cookie });
      expect(res.status, JSON.stringify(target)).toBe(302);
      const location = res.headers.get("location")!;
      expect(location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\"), location).toBe(true);
      // eslint-disable-next-line no-control-regex -- the test looks for a NUL that leaked into the header
      expect(location).not.toMatch(/evil|[\r\n\u0000]/);
    }
  });
});

test.describe("requests that are not forms get 415 or 400, not 500 (item 7)", () => {
  test("JSON, text/plain, no Content-Type and broken multipart, on every action", async ({ baseURL }) => {
    const cookie = await signedInCookie(baseURL!);
    // /logout last: it reads no form, signs out whatever the body, and ends the session.
    const actions = ["/login", "/settings/locale", "/proposals/new", "/admin/users", "/board", "/audit", "/logout"];
    for (const path of actions) {
      const headers = { Cookie: cookie, Origin: baseURL! };
      for (const [type, body] of [
        ["application/json", '{"intent":"create"}'],
        ["text/plain", "intent=create"],
        [null, "intent=create"],
      ] as const) {
        const res = await rawRequest(baseURL!, { method: "POST", path, headers: { ...headers, ...(type ? { "Content-Type": type } : {}) }, body });
        expect(res.status, `${path} ${type}`).toBe(415);
        expect(res.body).toMatch(/application\/x-www-form-urlencoded/);
      }
      const broken = await rawRequest(baseURL!, {
        method: "POST",
        path,
        headers: { ...headers, "Content-Type": "multipart/form-data; boundary=XYZ" },
        body: '--XYZ\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncre',
      });
      // Sign-out and chain verification read no form: they act whatever the body holds.
      if (path === "/logout" || path === "/audit") expect(broken.status, path).toBeLessThan(500);
      else {
        expect(broken.status, `${path} broken multipart`).toBeGreaterThanOrEqual(400);
        expect(broken.status, `${path} broken multipart`).toBeLessThan(500);
      }
    }
  });
});

test.describe("protocol oddities get a 4xx (item 8)", () => {
  test("TRACE, PUT and DELETE get 405 with Allow", async ({ baseURL }) => {
    for (const method of ["TRACE", "PUT", "DELETE", "PATCH"]) {
      const res = await rawRequest(baseURL!, { method, path: "/dashboard" });
      expect(res.status, method).toBe(405);
      expect(res.headers.allow).toBe("GET, HEAD, POST");
    }
  });

  test("HEAD on an export answers its headers without streaming the rows", async ({ baseURL }) => {
    const cookie = await signedInCookie(baseURL!);
    for (const path of ["/audit/export?format=csv", "/proposals/export?format=json"]) {
      const res = await rawRequest(baseURL!, { method: "HEAD", path, headers: { Cookie: cookie } });
      expect(res.status, path).toBe(200);
      expect(res.headers["content-disposition"], path).toMatch(/attachment/);
      expect(res.body).toBe("");
    }
  });

  test("an absolute-form target and a malformed Host get 400", async ({ baseURL }) => {
    const absolute = await rawRequest(baseURL!, { path: "http://evil.example/dashboard" });
    expect(absolute.status).toBe(400);
    for (const host of ["[", "a b", "x:y:z]", "localhost:99999", "localhost:-5"]) {
      const res = await rawRequest(baseURL!, { path: "/login", headers: { Host: host } });
      expect(res.status, host).toBe(400);
    }
    // The Remix adapter reads a port from X-Forwarded-Host even with no trusted proxy: ignored here.
    for (const forwarded of ["x:99999", "x:-5", "["]) {
      const res = await rawRequest(baseURL!, { path: "/login", headers: { "X-Forwarded-Host": forwarded } });
      expect(res.status, forwarded).toBe(200);
    }
  });
});

test.describe("refusals before the app speak the catalogue's words (issue 11)", () => {
  test("in the signed-in user's language, as a page for a browser and as text otherwise", async ({ baseURL }) => {
    const base = baseURL!;
    const cookie = await signedInCookie(base, "viewer@example.org");
    const setLanguage = async (locale: string) =>
      expect((await postForm(base, "/settings/locale", { locale, redirectTo: "/dashboard" }, { Cookie: cookie })).status).toBe(302);
    const refusals = (headers: Record<string, string>) =>
      Promise.all([
        rawRequest(base, { method: "PUT", path: "/dashboard", headers }),
        rawRequest(base, {
          method: "POST",
          path: "/audit",
          headers: { ...headers, Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
          body: "x=1",
        }),
        rawRequest(base, { method: "POST", path: "/audit", headers: { ...headers, Origin: base, "Content-Type": "application/json" }, body: "{}" }),
        rawRequest(base, {
          method: "POST",
          path: "/audit",
          headers: { ...headers, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
          body: "x=" + "y".repeat(300 * 1024),
        }),
      ]);

    // Anonymous, plain text: English sentences from the catalogue.
    const anonymous = await refusals({});
    expect(anonymous.map((r) => r.status)).toEqual([405, 403, 415, 413]);
    expect(anonymous[0].body).toBe("The method PUT is not used here.\n");
    expect(anonymous[1].body).toMatch(/^This form was sent from another site, so it was refused and nothing was saved/);
    expect(anonymous[2].body).toMatch(/^This address accepts forms only/);
    expect(anonymous[3].body).toBe("The form is larger than the 256 kB this server accepts, so nothing was saved.\n");
    for (const r of anonymous) expect(r.headers["content-type"]).toMatch(/^text\/plain; charset=utf-8/);

    await setLanguage("ru");
    try {
      const russian = await refusals({ Cookie: cookie, Accept: "text/html,application/xhtml+xml" });
      expect(russian.map((r) => r.status)).toEqual([405, 403, 415, 413]);
      for (const r of russian) {
        expect(r.headers["content-type"]).toMatch(/^text\/html; charset=utf-8/);
        expect(r.headers["content-language"]).toBe("ru");
        expect(r.body).toMatch(/^<!DOCTYPE html><html lang="ru">/);
        expect(r.body).toContain('<a href="/proposals">К списку предложений</a>');
      }
      expect(russian[0].body).toContain("<h1>Метод не поддерживается</h1><p>Метод PUT здесь не используется.</p>");
      expect(russian[1].body).toContain("<h1>Недостаточно прав</h1><p>Форма отправлена с другого сайта");
      expect(russian[3].body).toMatch(/<p>Объём формы превышает допустимый для этого сервера \(256 кБ\), поэтому ничего не сохранено.<\/p>/);
    } finally {
      await setLanguage("en");
    }
  });
});

test.describe("idle sessions (item 10)", () => {
  test("an active user stays signed in past the idle limit; an idle one is signed out", async ({ browser }) => {
    // A 6-second idle limit: the session and its cookie are renewed every 1.5 s of activity.
    // On the main database, whose sign-in counts the other specs spend: limits out of their reach.
    const server = await startServer(sidePort(14), {
      COOKIE_SECURE: "false",
      SESSION_IDLE_MINUTES: "0.1",
      SIGNIN_LIMIT_PER_IP: "100000",
      SIGNIN_LIMIT_PER_ACCOUNT: "100000",
    });
    const context = await browser.newContext({ baseURL: server.url });
    try {
      const page = await context.newPage();
      await page.goto("/login");
      await page.getByLabel("Email").fill("viewer@example.org");
      await page.getByLabel("Password").fill("summit-demo");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/\/dashboard/);
      const started = Date.now();
      while (Date.now() - started < 11_000) {
        await page.waitForTimeout(1_000);
        const res = await page.goto("/proposals");
        expect(new URL(page.url()).pathname, `after ${Date.now() - started} ms of activity`).toBe("/proposals");
        expect(res?.status()).toBe(200);
      }
      await page.waitForTimeout(7_000);
      await page.goto("/proposals");
      expect(new URL(page.url()).pathname).toBe("/login");
    } finally {
      await context.close();
      await server.stop();
    }
  });
});
