// Two people signed in at once each see only their own identity, sites and "assigned to you"
// lists (the lists under injected faults are in faults.spec.ts).
import { expect, test, type Page } from "@playwright/test";
import { DashboardPage, GLOBEX, LoginPage, USERS, waitForHydration, type UserName } from "./fixtures/pages";

async function signIn(page: Page, user: UserName) {
  await new LoginPage(page).goto();
  await (await new LoginPage(page).signIn()).accept(user);
  await expect(page).toHaveURL(/\/dashboard/);
}

test("two people signed in at once see only their own identity, sites and issues", async ({ browser }) => {
  const alice = await (await browser.newContext()).newPage();
  const bob = await (await browser.newContext()).newPage();
  await signIn(alice, "alice");
  await signIn(bob, "bob");
  await alice.reload();
  await new DashboardPage(alice).expectSignedInAs("alice");
  await new DashboardPage(bob).expectSignedInAs("bob");
  await expect(bob.getByText(USERS.alice.name)).toHaveCount(0);
  await expect(alice.getByText(USERS.bob.name)).toHaveCount(0);
  await expect(bob.locator(".site-card")).toHaveCount(1);
  await expect(new DashboardPage(alice).assignedOn("acme").getByRole("link", { name: /ACME-7/ })).toBeVisible();
  await expect(new DashboardPage(bob).assignedOn("acme")).not.toContainText("Loading");
  await expect(new DashboardPage(bob).assignedOn("acme").getByRole("link", { name: /ACME-7/ })).toHaveCount(0);
});

test("a default site is remembered: its card says so and the lookup form starts on it", async ({ page }) => {
  await signIn(page, "alice");
  await waitForHydration(page);
  const dashboard = new DashboardPage(page);
  await page.getByRole("button", { name: "Make globex my default" }).click();
  const globexCard = page.locator(".site-card").filter({ has: page.getByRole("heading", { level: 3, name: "globex", exact: true }) });
  await expect(globexCard.getByText("Default site")).toBeVisible();
  await expect(page.getByLabel("Site", { exact: true })).toHaveValue(GLOBEX);
  await page.reload();
  await expect(page.getByLabel("Site", { exact: true })).toHaveValue(GLOBEX);
  await expect(page.getByRole("button", { name: "Make acme my default" })).toBeVisible();
  await dashboard.lookUp("globex", "GLX-1");
  await expect(page).toHaveURL(new RegExp(`/sites/${GLOBEX}/issues/GLX-1$`));
});
