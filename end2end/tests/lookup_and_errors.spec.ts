// The lookup box's variants: case, padding, pasted links, and all my sites.
import { expect, test, type Page } from "@playwright/test";
import { ACME, DashboardPage, LoginPage, waitForHydration } from "./fixtures/pages";

async function signInAsAlice(page: Page) {
  await new LoginPage(page).goto();
  await (await new LoginPage(page).signIn()).accept("alice");
  await expect(page).toHaveURL(/\/dashboard/);
}

test("the lookup box takes keys in any case, padded, pasted links and all my sites", async ({ page }) => {
  await signInAsAlice(page);
  const dashboard = new DashboardPage(page);
  for (const [site, typed, expected] of [
    ["acme", "  acme-4 ", `/sites/${ACME}/issues/ACME-4`],
    ["globex", "https://acme.atlassian.net/browse/ACME-6?focusedCommentId=2", `/sites/${ACME}/issues/ACME-6`],
    ["All my sites", "glx-2", "/issues/GLX-2"],
  ]) {
    await page.goto("/dashboard");
    await waitForHydration(page);
    await dashboard.lookUp(site, typed);
    await expect(page).toHaveURL(new RegExp(`${expected.replace(/[?]/g, "\\?")}$`));
    await expect(page.getByRole("heading", { level: 1 })).not.toBeEmpty();
  }

  await page.goto("/dashboard");
  await waitForHydration(page);
  await dashboard.lookUp("All my sites", "NOPE-404");
  await expect(dashboard.lookupError()).toHaveText("NOPE-404 is on none of your sites, or you don't have access to it.");
  await expect(page.getByLabel("Issue key or link")).toHaveValue("NOPE-404");
});
