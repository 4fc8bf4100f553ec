// Pages under failures the sandbox injects. The sandbox has one fault setting for the whole
// server, so these run serially, after every other test (see playwright.config.ts).
import { expect, test, type Page } from "@playwright/test";
import { ACME, DashboardPage, GLOBEX, LoginPage, waitForHydration } from "./fixtures/pages";

const INITECH = "33333333-4444-4555-8666-777777777777";

test.describe.configure({ mode: "serial" });

async function signInAsAlice(page: Page) {
  await new LoginPage(page).goto();
  await (await new LoginPage(page).signIn()).accept("alice");
  await expect(page).toHaveURL(/\/dashboard/);
}

test.afterEach(async ({ request }) => {
  await request.delete("/sandbox/control/faults");
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

test("each site's list arrives on its own: a slow site does not hold the others, a failing one says so", async ({ page }) => {
  await signInAsAlice(page);
  const faults = (fault: object) => page.request.put("/sandbox/control/faults", { data: fault });
  try {
    expect((await faults({ latency_ms: 2500, path_contains: `${GLOBEX}/rest/api/3/search/jql` })).ok()).toBe(true);
    // Refresh: the lists the dashboard loaded right after sign-in may be back already, and kept.
    await page.goto("/dashboard?refresh=1");
    const acme = new DashboardPage(page).assignedOn("acme");
    const globex = new DashboardPage(page).assignedOn("globex");
    await expect(acme.getByRole("link", { name: /ACME-7/ })).toBeVisible();
    await expect(globex).toContainText("Loading the issues assigned to you");
    await expect(globex).not.toContainText("Loading", { timeout: 10_000 });

    expect((await faults({ status: 503, path_contains: `${INITECH}/rest/api/3/search/jql` })).ok()).toBe(true);
    // Refresh: within a few minutes the lists would be the copies from the visit before.
    await page.goto("/dashboard?refresh=1");
    await waitForHydration(page);
    const initech = new DashboardPage(page).assignedOn("initech");
    await expect(initech.getByRole("alert")).toContainText("Atlassian answered with an error");
    await expect(new DashboardPage(page).assignedOn("acme").getByRole("link", { name: /ACME-1/ })).toBeVisible();

    await page.request.delete("/sandbox/control/faults");
    await initech.getByRole("button", { name: "Try again" }).click();
    await expect(initech.getByRole("alert")).toHaveCount(0);
    await expect(initech).not.toContainText("Loading");
  } finally {
    await page.request.delete("/sandbox/control/faults");
  }
});


test("search results stream in as each site answers: a slow site comes last and holds nobody up", async ({ page }) => {
  await signInAsAlice(page);
  const group = (site: string) => page.getByRole("region", { name: new RegExp(`^${site} `) });
  try {
    const slow = await page.request.put("/sandbox/control/faults", {
      data: { latency_ms: 3000, path_contains: `${ACME}/rest/api/3/search/jql` },
    });
    expect(slow.ok()).toBe(true);
    await page.goto("/search?q=upgrade", { waitUntil: "commit" });
    await expect(group("globex").getByRole("link", { name: /Upgrade Redis/ })).toBeVisible();
    await expect(group("acme")).toHaveCount(0);
    await expect(group("acme").getByRole("link", { name: /ACME-3/ })).toBeVisible({ timeout: 10_000 });
    const order = await page.locator(".result-group h2").evaluateAll((headings) => headings.map((h) => h.firstChild?.textContent));
    expect(order.at(-1)).toBe("acme");

    const failing = await page.request.put("/sandbox/control/faults", {
      data: { status: 503, path_contains: `${INITECH}/rest/api/3/search/jql` },
    });
    expect(failing.ok()).toBe(true);
    await page.goto("/search?q=upgrade");
    await expect(group("initech").getByRole("alert")).toContainText("Atlassian answered with an error");
    await expect(group("acme").getByRole("link", { name: /ACME-3/ })).toBeVisible();
  } finally {
    await page.request.delete("/sandbox/control/faults");
  }
});

test("an upstream slower than our 15 s limit is a 504 page that says Atlassian took too long", async ({ page }) => {
  test.setTimeout(60_000);
  await signInAsAlice(page);
  const path = `/sites/${ACME}/issues/ACME-9`;
  const slow = await page.request.put("/sandbox/control/faults", {
    data: { latency_ms: 16_000, path_contains: "issue/ACME-9" },
  });
  expect(slow.ok()).toBe(true);
  const response = await page.goto(path, { timeout: 45_000 });
  expect(response?.status()).toBe(504);
  await expect(page.getByRole("main")).toContainText("Atlassian took too long to answer.");
  await page.request.delete("/sandbox/control/faults");
  await page.getByRole("link", { name: "Try again" }).click();
  await expect(page.getByTestId("issue-status")).toBeVisible();
});

test("a site whose hourly allowance is spent shows the person's last copy, says why and until when, and the other sites carry on", async ({ page }) => {
  await signInAsAlice(page);
  await waitForHydration(page);
  const dashboard = new DashboardPage(page);
  await expect(dashboard.assignedOn("acme").getByRole("link", { name: /ACME-/ }).first()).toBeVisible();
  // A 10-second window, so the app's memory of the spent quota is gone soon after this test.
  // Each PUT starts a window of its own: each part below has the whole ten seconds.
  const spend = async () => {
    const spent = await page.request.put("/sandbox/control/quota", {
      data: { window_secs: 10, remaining: 0, cloud_id: ACME },
    });
    expect(spent.ok()).toBe(true);
  };
  await spend();
  try {
    const response = await page.goto(`/sites/${ACME}/issues/ACME-9`);
    expect(response?.status(), "an issue Alice never opened: no copy").toBe(429);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jira's allowance is used up");
    await expect(page.getByRole("main")).toContainText("Jira's hourly allowance for this app on acme is used up");

    await spend();
    await page.goto("/dashboard?refresh=1");
    await waitForHydration(page);
    const acme = new DashboardPage(page).assignedOn("acme");
    const notice = acme.getByRole("status");
    await expect(notice).toContainText(/Jira's hourly allowance for this app on acme is used up; it resets at \d{1,2}:\d\d/);
    await expect(notice).toContainText(/Showing your copy from \d{1,2}:\d\d/);
    await expect(acme.getByRole("link", { name: /ACME-/ }).first()).toBeVisible();
    await expect(acme.getByRole("button", { name: "Refresh" })).toBeVisible();
    const globex = new DashboardPage(page).assignedOn("globex");
    await expect(globex).not.toContainText("Loading", { timeout: 10_000 });
    await expect(globex.getByRole("alert")).toHaveCount(0);
    await expect(globex.getByRole("status")).toHaveCount(0);
  } finally {
    await page.request.delete("/sandbox/control/quota");
  }
  await expect(async () => {
    const again = await page.goto(`/sites/${ACME}/issues/ACME-9`);
    expect(again?.status()).toBe(200);
  }).toPass({ timeout: 20_000 });
});
