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
