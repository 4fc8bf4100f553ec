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
  await expect(dashboard.siteCard("globex").getByText("Default site")).toBeVisible();
  await expect(page.getByLabel("Site", { exact: true })).toHaveValue(GLOBEX);
  await page.reload();
  await expect(page.getByLabel("Site", { exact: true })).toHaveValue(GLOBEX);
  await expect(page.getByRole("button", { name: "Make acme my default" })).toBeVisible();
  await dashboard.lookUp("globex", "GLX-1");
  await expect(page).toHaveURL(new RegExp(`/sites/${GLOBEX}/issues/GLX-1$`));
});

test("'More' pages through a long list ten at a time, without repeats", async ({ page }) => {
  await signIn(page, "alice");
  await waitForHydration(page);
  const globex = new DashboardPage(page).assignedOn("globex");
  const rows = globex.getByRole("link");
  await expect(rows).toHaveCount(10);
  const more = globex.getByRole("button", { name: "More" });
  await more.click();
  await expect(globex).toHaveAttribute("aria-busy", "false");
  await expect(more).toHaveCount(0);
  const keys = (await rows.allTextContents()).map((text) => text.trim().split(/\s+/)[0]);
  expect(keys.length).toBeGreaterThan(10);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys.every((key) => /^(GLX|OPS)-\d+$/.test(key))).toBe(true);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`on a phone (${colorScheme}) nothing scrolls sideways and every control is in reach`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, colorScheme, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await signIn(page, "alice");
    await waitForHydration(page);
    await expect(new DashboardPage(page).assignedOn("globex").getByRole("link")).toHaveCount(10);
    for (const path of ["/dashboard", `/sites/${GLOBEX}/issues/GLX-1`]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} is wider than the screen`).toBeLessThanOrEqual(0);
      for (const control of await page.locator("main a:visible, main button:visible, main select:visible, main input:visible").all()) {
        const box = await control.boundingBox();
        expect(box, `${await control.textContent()} has a box`).not.toBeNull();
        expect(box!.x, `${await control.textContent()} starts on screen`).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width, `${await control.textContent()} ends on screen`).toBeLessThanOrEqual(360);
      }
    }
    await context.close();
  });
}

test("back on the dashboard within minutes, each list is the one just shown, says from when, and Refresh asks Jira", async ({ page }) => {
  await signIn(page, "alice");
  await waitForHydration(page);
  await expect(new DashboardPage(page).assignedOn("acme").getByRole("link", { name: /ACME-7/ })).toBeVisible();
  await expect(new DashboardPage(page).assignedOn("acme")).not.toContainText(/As of/);
  await page.goto(`/sites/${GLOBEX}/issues/GLX-1`);
  await page.goto("/dashboard");
  await waitForHydration(page);
  const acme = new DashboardPage(page).assignedOn("acme");
  await expect(acme.getByRole("link", { name: /ACME-7/ })).toBeVisible();
  // "As of" marks a copy: the list was not asked of Jira again.
  await expect(acme).toContainText(/As of \d{1,2}:\d\d/);
  await expect(acme.getByRole("alert")).toHaveCount(0);
  const asked = page.waitForResponse((response) => response.url().endsWith("/api/assigned") && response.ok());
  await acme.getByRole("button", { name: "Refresh the issues assigned to you on acme" }).click();
  await asked;
  await expect(acme).not.toContainText(/As of/);
  await expect(acme.getByRole("link", { name: /ACME-7/ })).toBeVisible();
});
