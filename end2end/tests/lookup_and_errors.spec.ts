// The lookup box's variants (case, padding, pasted links, all my sites) and the pages a Jira
// failure leads to, with the sandbox injecting the failure: each says what happened in plain
// words, with the HTTP status the contract names, and a way forward that works once Jira recovers.
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

test("Jira failures become pages that say what happened, and Try again works once it recovers", async ({ page }) => {
  await signInAsAlice(page);
  const path = `/sites/${ACME}/issues/ACME-9`;
  const inject = (fault: object) => page.request.put("/sandbox/control/faults", { data: { path_contains: "issue/ACME-9", ...fault } });
  try {
    for (const { fault, status, text, retry } of [
      { fault: { status: 429, retry_after: 7 }, status: 429, text: "Try again in 7 s.", retry: true },
      { fault: { status: 403 }, status: 403, text: "permission", retry: false },
      { fault: { status: 500 }, status: 502, text: "Atlassian answered with an error", retry: true },
      { fault: { drop: true }, status: 502, text: "Atlassian answered with an error", retry: true },
    ]) {
      expect((await inject(fault)).ok()).toBe(true);
      const response = await page.goto(path);
      expect(response?.status(), JSON.stringify(fault)).toBe(status);
      await expect(page.getByRole("main")).toContainText(text);
      await expect(page.getByRole("link", { name: "Try again" })).toHaveCount(retry ? 1 : 0);
    }
    await page.request.delete("/sandbox/control/faults");
    await page.getByRole("link", { name: "Try again" }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByTestId("issue-status")).toBeVisible();
  } finally {
    await page.request.delete("/sandbox/control/faults");
  }
});
