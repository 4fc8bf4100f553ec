// The walking skeleton, as a person clicks through it: sign in through the sandbox's consent
// screen, see the dashboard, open an issue, sign out; and the ways it can go wrong.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import {
  ACME,
  ConsentPage,
  DashboardPage,
  GLOBEX,
  IssuePage,
  LoginPage,
  trackPageErrors,
  waitForHydration,
} from "./fixtures/pages";

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

test("the login page offers Sign in with Atlassian and says it is a sandbox", async ({ page }) => {
  const errors = trackPageErrors(page);
  const login = new LoginPage(page);
  await login.goto();
  await login.expectVisible();
  await expect(page.getByRole("note")).toContainText("Sandbox");
  await expectNoAxeViolations(page);
  expect(errors).toEqual([]);
});

test("the WASM is fetched only after the page has painted, then hydrates it", async ({ page }) => {
  const errors = trackPageErrors(page);
  await new LoginPage(page).goto();
  await waitForHydration(page);
  const [paint, wasm] = await page.evaluate(() => [
    performance.getEntriesByName("first-contentful-paint")[0]?.startTime,
    performance.getEntriesByType("resource").find((entry) => entry.name.endsWith(".wasm"))?.startTime,
  ]);
  expect(paint).toBeDefined();
  expect(wasm).toBeDefined();
  // The loader waits for the first paint, or two seconds on a machine too busy to paint sooner.
  if (paint! < 2_000) expect(wasm).toBeGreaterThan(paint!);
  else expect(wasm).toBeGreaterThanOrEqual(2_000);
  expect(errors).toEqual([]);
});

test("only the islands run in the browser: their pending states show, a page without them loads no WASM", async ({ page }) => {
  const wasmRequests: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith(".wasm")) wasmRequests.push(request.url());
  });
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(wasmRequests).toEqual([]);

  const errors = trackPageErrors(page);

  await new LoginPage(page).goto();
  await (await new LoginPage(page).signIn()).accept("alice");
  await new DashboardPage(page).expectSignedInAs("alice");
  await waitForHydration(page);

  // Held requests: the pending state must show while the server has not answered.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/default_site", async (route) => {
    await held;
    await route.continue();
  });
  const makeDefault = page.getByRole("button", { name: "Make globex my default" });
  await makeDefault.click();
  await expect(makeDefault).toHaveAttribute("aria-busy", "true");
  release();
  await expect(new DashboardPage(page).siteCard("globex").getByText("Default site")).toBeVisible();

  await waitForHydration(page);
  // A navigation that is held would hold every locator too; an aborted one leaves the page as the
  // click made it.
  await page.route("**/logout", (route) => route.abort("aborted"));
  await page.getByRole("button", { name: "Sign out" }).click({ noWaitAfter: true });
  await expect(page.getByRole("button", { name: "Signing out…" })).toHaveAttribute("aria-busy", "true");
  expect(errors).toEqual([]);
});

test("sign in, see the dashboard, open an issue, sign out", async ({ page }) => {
  const errors = trackPageErrors(page);
  const login = new LoginPage(page);
  await login.goto();
  const consent = await login.signIn();
  await consent.expectVisible();
  await expect(page.getByText("read:jira-work")).toBeVisible();
  await expect(page.getByRole("radio")).toHaveCount(7);
  await consent.accept("alice");

  const dashboard = new DashboardPage(page);
  await dashboard.expectSignedInAs("alice");
  await expectNoAxeViolations(page);
  await waitForHydration(page);

  await dashboard.lookUp("globex", " glx-1 ");
  await expect(page).toHaveURL(`/sites/${GLOBEX}/issues/GLX-1`);
  const issue = new IssuePage(page);
  await issue.expectIssue({
    key: "GLX-1",
    summary: "Quarterly report export drops non-ASCII names — Zoë, 山田, مريم",
    status: "To Do",
    assignee: "Alice Adams",
    browseUrl: "https://globex.atlassian.net/browse/GLX-1",
  });
  await expectNoAxeViolations(page);

  await dashboard.signOut();
  await expect(page).toHaveURL("/");
  await new LoginPage(page).expectVisible();
  await dashboard.goto();
  await expect(page).toHaveURL("/?return_to=%2Fdashboard");
  expect(errors).toEqual([]);
});

test("a malformed key is explained in place and what was typed stays", async ({ page }) => {
  const errors = trackPageErrors(page);
  await new LoginPage(page).goto();
  await (await new LoginPage(page).signIn()).accept("bob");
  const dashboard = new DashboardPage(page);
  await dashboard.expectSignedInAs("bob");
  await waitForHydration(page);
  await dashboard.lookUp("acme", "ACME 1");
  await expect(dashboard.lookupError()).toHaveText("“ACME 1” is not an issue key. Issue keys look like ABC-123.");
  await expect(page.getByLabel("Issue key or link")).toHaveValue("ACME 1");
  await expect(page).toHaveURL(/\/dashboard$/);
  expect(errors).toEqual([]);
});

test("declining consent shows that access was not granted, with a way to try again", async ({ page }) => {
  await new LoginPage(page).goto();
  const consent = await new LoginPage(page).signIn();
  await consent.decline();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Access not granted");
  await expect(page.getByRole("alert")).toContainText("Access was not granted");
  await expect(page.getByRole("link", { name: "Sign in with Atlassian" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("an issue that does not exist is a 404 page in plain words", async ({ page }) => {
  await new LoginPage(page).goto();
  await (await new LoginPage(page).signIn()).accept("alice");
  await new DashboardPage(page).expectSignedInAs("alice");
  const response = await page.goto(`/sites/${ACME}/issues/ACME-404`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Issue not found");
  await expect(page.getByRole("alert")).toContainText("ACME-404 was not found, or you don't have access to it.");
});

test("after sign-in the person returns to the page they asked for", async ({ page }) => {
  await page.goto(`/sites/${ACME}/issues/ACME-3`);
  await expect(page).toHaveURL(/\/\?return_to=/);
  const consent = await new LoginPage(page).signIn();
  await consent.accept("bob");
  await expect(page).toHaveURL(`/sites/${ACME}/issues/ACME-3`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Upgrade the payment SDK to v5");
});
