import { expect, openProposal, screenshotPath, test } from "./fixtures";

test("a user switches to Russian; it sticks to their account only", async ({ page, browser, login }) => {
  await login("analyst2");
  await page.getByLabel("Language").selectOption("ru");
  await page.getByRole("button", { name: "Change" }).click();
  await expect(page.getByRole("status")).toHaveText("Язык изменён.");
  await expect(page.getByRole("navigation", { name: "Главное меню" }).getByRole("link", { name: "Предложения" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Текущее положение" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await page.screenshot({ path: screenshotPath("dashboard-ru"), fullPage: false });

  await openProposal(page, "CAJ25-04");
  await expect(page.getByRole("heading", { name: "Этапы" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "История" })).toBeVisible();
  await expect(page.getByText("Выполняется").first()).toBeVisible();

  // Signing in again keeps it; another user still sees English.
  await page.getByRole("button", { name: "Выйти" }).click();
  // Signed out first: the sign-out's answer clears the session cookie, and must not clear the new one.
  await expect(page).toHaveURL(/\/login/);
  await login("analyst2");
  await expect(page.getByRole("heading", { name: "Текущее положение" })).toBeVisible();
  const other = await browser.newPage();
  await login("viewer", { page: other });
  await expect(other.getByRole("heading", { name: "Where we stand" })).toBeVisible();
  await other.close();

  const audit = await page.request.get("/audit/export?format=ndjson&action=user.locale_changed");
  expect(await audit.text()).toContain('"to":"ru"');

  // Leave the account as it was for the tests that follow.
  await page.getByLabel("Язык").selectOption("en");
  await page.getByRole("button", { name: "Сменить" }).click();
  await expect(page.getByRole("status")).toHaveText("Language changed.");
});

test("before sign-in the browser's Accept-Language picks the language, and the sign-in page can change it", async ({ browser, baseURL }) => {
  for (const [locale, lang, heading, title] of [
    ["ru-RU", "ru", "Вход", "Вход · Трекер саммита"],
    ["ja-JP", "ja", "サインイン", "サインイン · サミット・トラッカー"],
    ["de-DE", "en", "Sign in", "Sign in · Summit Tracker"],
  ] as const) {
    const context = await browser.newContext({ baseURL, locale });
    const page = await context.newPage();
    await page.goto("/login");
    await expect(page.locator("html"), locale).toHaveAttribute("lang", lang);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expect(page).toHaveTitle(title);
    await context.close();
  }

  // A German browser gets English; the sign-in page's switcher (JS off: a plain form) makes it Japanese.
  const context = await browser.newContext({ baseURL, locale: "de-DE", javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login?redirectTo=%2Fboard");
  await page.getByLabel("Language").selectOption("ja");
  await page.getByRole("button", { name: "Change" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("status")).toHaveText("言語を変更しました。");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("サインイン");
  await expect(page).toHaveURL(/redirectTo=%2Fboard/);
  // An unknown language is refused in words, not stored.
  const refused = await page.request.post("/settings/locale", { form: { locale: "xx" }, headers: { Origin: baseURL! } });
  expect(refused.status()).toBe(400);
  // Signing in, the account's own language (English for the viewer) wins over the one picked before.
  await page.getByLabel("メールアドレス").fill("viewer@example.org");
  await page.getByLabel("パスワード").fill("summit-demo");
  await page.getByRole("button", { name: "サインイン" }).click();
  await expect(page).toHaveURL(/\/board/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await context.close();
});

test("Japanese and Russian readers: dashboard, a proposal and the board, with plural forms and dates in their language", async ({ page, login }) => {
  await login("analyst2");
  for (const [locale, dashboard, milestones, boardHeading] of [
    ["ja", "現状", "マイルストーン", "ボード"],
    ["ru", "Текущее положение", "Этапы", "Доска"],
  ] as const) {
    await page.locator("#locale-select").selectOption(locale);
    await page.locator("form.locale-form button").first().click();
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { name: dashboard, level: 1 })).toBeVisible();
    await page.screenshot({ path: screenshotPath(`dashboard-${locale}`), fullPage: true });
    await page.goto("/proposals?q=CAJ25-04");
    // The count under the list heading speaks the language: "1 предложение", "1件".
    await expect(page.locator("p[aria-live=polite]").first()).toHaveText(locale === "ru" ? /^1 предложение/ : /^提案1件/);
    await openProposal(page, "CAJ25-04");
    await expect(page.getByRole("heading", { name: milestones, exact: true })).toBeVisible();
    await expect(page).toHaveTitle(/CAJ25-04/);
    // Dates through Intl: "30 июн. 2026 г.", "2026年6月30日".
    await expect(page.locator("main")).toContainText(locale === "ru" ? /\d{1,2} [а-я]{3,4}\. \d{4} г\./ : /\d{4}年\d{1,2}月\d{1,2}日/);
    await page.screenshot({ path: screenshotPath(`proposal-${locale}`), fullPage: true });
    await page.goto("/board");
    await expect(page.getByRole("heading", { name: boardHeading, level: 1 })).toBeVisible();
    await page.screenshot({ path: screenshotPath(`board-${locale}`), fullPage: false });
  }
  await page.locator("#locale-select").selectOption("en");
  await page.locator("form.locale-form button").first().click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});
