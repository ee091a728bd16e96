import { expect, screenshotPath, test } from "./fixtures";

test("an admin creates a user, changes their role, deactivates them (ending their session at once) and resets their password", async ({
  page,
  browser,
  login,
}) => {
  await login("admin", { to: "/admin/users" });
  await page.getByText("Create a user").click();
  const create = page.locator("form#create-user");
  await create.getByLabel("Name").fill("Dilnoza Yusupova");
  await create.getByLabel("Email").fill("Dilnoza@Ministry.example");
  await create.getByLabel("Role").selectOption("viewer");
  await create.getByLabel("Initial password").fill("short");
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(create.getByText("Password must be at least 10 characters.")).toBeVisible();
  await expect(create.getByLabel("Name")).toHaveValue("Dilnoza Yusupova");
  await create.getByLabel("Initial password").fill("a-long-enough-password");
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("status")).toHaveText("User created.");
  const row = page.getByRole("row", { name: /dilnoza@ministry\.example/ });
  await expect(row).toBeVisible();

  await row.getByLabel("Role of dilnoza@ministry.example", { exact: true }).selectOption("analyst");
  await row.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByRole("status")).toHaveText("Role changed.");

  // The new user signs in elsewhere…
  const theirs = await browser.newPage();
  await theirs.goto("/login");
  await theirs.getByLabel("Email").fill("dilnoza@ministry.example");
  await theirs.getByLabel("Password").fill("a-long-enough-password");
  await theirs.getByRole("button", { name: "Sign in" }).click();
  // An analyst now: they land on their own work (issue 12).
  await expect(theirs).toHaveURL(/\/me$/);
  await expect(theirs.locator(".role-tag")).toHaveText("Analyst");

  // …and is deactivated: their very next request finds no session.
  await page
    .getByRole("row", { name: /dilnoza@ministry\.example/ })
    .getByRole("button", { name: "Deactivate" })
    .click();
  await expect(page.getByRole("status")).toContainText("their sessions have ended");
  await theirs.goto("/proposals");
  await expect(theirs).toHaveURL(/\/login/);
  await theirs.getByLabel("Email").fill("dilnoza@ministry.example");
  await theirs.getByLabel("Password").fill("a-long-enough-password");
  await theirs.getByRole("button", { name: "Sign in" }).click();
  await expect(theirs.getByRole("alert")).toContainText("do not match an active account");

  await page
    .getByRole("row", { name: /dilnoza@ministry\.example/ })
    .getByRole("button", { name: "Reactivate" })
    .click();
  await expect(page.getByRole("status")).toHaveText("User reactivated.");
  const again = page.getByRole("row", { name: /dilnoza@ministry\.example/ });
  await again.getByText("Reset password").click();
  await again.getByLabel(/New password for/).fill("another-long-password");
  await again.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("status")).toContainText("Password reset");
  await page.screenshot({ path: screenshotPath("admin-users"), fullPage: true });

  await theirs.getByLabel("Password").fill("another-long-password");
  await theirs.getByRole("button", { name: "Sign in" }).click();
  await expect(theirs).toHaveURL(/\/proposals$/);
  await theirs.close();

  // Every change is in the audit log, and the password is not.
  const log = await page.request.get("/audit/export?format=ndjson&action=user.*");
  const text = await log.text();
  for (const action of ["user.created", "user.role_changed", "user.deactivated", "user.reactivated", "user.password_reset"])
    expect(text).toContain(`"action":"${action}"`);
  expect(text).not.toContain("another-long-password");
  expect(text).not.toContain("a-long-enough-password");
});

test("the last admin cannot remove their own admin role", async ({ page, login }) => {
  await login("admin", { to: "/admin/users" });
  const me = page.getByRole("row", { name: /admin@example\.org/ });
  await me.getByLabel("Role of admin@example.org", { exact: true }).selectOption("manager");
  await me.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByRole("alert").first()).toContainText("last active admin");
  await page.reload();
  await expect(page.getByRole("row", { name: /admin@example\.org/ }).getByLabel("Role of admin@example.org", { exact: true })).toHaveValue("admin");
  await expect(page.locator(".role-tag")).toHaveText("Admin");
});
