import { expect, type Page } from "@playwright/test";

export const PASSWORD = "summit-demo";
export type DemoUser = "admin" | "manager" | "analyst" | "analyst2" | "viewer";

export async function signIn(page: Page, who: DemoUser, to = "/dashboard") {
  await page.goto(`/login?redirectTo=${encodeURIComponent(to)}`);
  await page.getByLabel("Email").fill(`${who}@example.org`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Opens a proposal page by reference, via the list's search. */
export async function openProposal(page: Page, reference: string) {
  await page.goto(`/proposals?q=${encodeURIComponent(reference)}`);
  await page.getByRole("row", { name: new RegExp(reference) }).getByRole("link").first().click();
  await page.waitForURL(/\/proposals\/[a-z0-9]{10,}/i);
  await expect(page.locator(".page-head .eyebrow")).toContainText(reference);
  return page.url();
}

export function screenshotPath(name: string) {
  return `tests/.tmp/screenshots/${name}.png`;
}
