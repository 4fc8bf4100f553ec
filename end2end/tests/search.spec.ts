// The search page: words and filters over every site as a URL that can be shared, the same
// without JavaScript, advanced JQL with Jira's own error by the box, and suggestions as you type
// (an ARIA combobox driven by the keyboard). The slow-site streaming order is in faults.spec.ts.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ACME, LoginPage, trackPageErrors, waitForHydration } from "./fixtures/pages";

async function signInAsAlice(page: Page) {
  await new LoginPage(page).goto();
  await (await new LoginPage(page).signIn()).accept("alice");
  await expect(page).toHaveURL(/\/dashboard/);
}

const group = (page: Page, site: string) => page.getByRole("region", { name: new RegExp(`^${site} `) });

test("words and filters search every site, as a URL that comes back the same", async ({ page }) => {
  const errors = trackPageErrors(page);
  await signInAsAlice(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/search$/);
  await page.getByLabel("Words, an issue key or a link").fill("upgrade");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/\/search\?q=upgrade/);
  await expect(group(page, "acme").getByRole("link", { name: /ACME-3 Upgrade the payment SDK/ })).toBeVisible();
  await expect(group(page, "globex").getByRole("link", { name: /Upgrade Redis/ })).toBeVisible();
  await expect(group(page, "initech")).toContainText("Nothing on initech matches this search.");

  await page.getByLabel("Project").fill("ACME");
  await page.getByLabel("Status").selectOption({ label: "To do" });
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/project=ACME&status=todo/);
  const shared = page.url();
  await page.goto(shared);
  await expect(page.getByLabel("Status")).toHaveValue("todo");
  await expect(page.getByLabel("Project")).toHaveValue("ACME");
  await expect(group(page, "globex")).toContainText("The value 'ACME' does not exist for the field 'project'.");
  expect(errors).toEqual([]);
});

test("without JavaScript the form and its results work the same", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInAsAlice(page);
  await page.goto("/search");
  await page.getByLabel("Words, an issue key or a link").fill("dark mode");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(group(page, "acme").getByRole("link", { name: /ACME-2 Add dark mode/ })).toBeVisible();
  await page.getByLabel("Words, an issue key or a link").fill("acme-2");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/sites/${ACME}/issues/ACME-2$`));
  await context.close();
});

test("advanced JQL shows Jira's own words next to the box", async ({ page }) => {
  await signInAsAlice(page);
  await page.goto("/search?q=upgrade");
  await page.getByRole("link", { name: "Advanced search (JQL)" }).click();
  const box = page.getByRole("textbox", { name: "JQL" });
  await expect(box).toHaveValue('text ~ "upgrade" ORDER BY updated DESC');
  await box.fill("project = ACME ORDER BY");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.locator("#search-refusal")).toContainText("Jira could not run this search: Error in the JQL Query");
  await box.fill("order by key");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.locator("#search-refusal")).toContainText("Unbounded JQL queries are not allowed here.");
});

test("suggestions as you type: arrows choose, Escape closes, Enter opens the issue", async ({ page }) => {
  const errors = trackPageErrors(page);
  await signInAsAlice(page);
  await page.goto("/search");
  await waitForHydration(page);
  const box = page.getByRole("combobox", { name: "Words, an issue key or a link" });
  const list = page.getByRole("listbox", { name: "Suggested issues" });
  await box.pressSequentially("dark mo", { delay: 30 });
  await expect(box).toHaveAttribute("aria-expanded", "true");
  const option = list.getByRole("option", { name: /ACME-2 Add dark mode/ });
  await expect(option).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "suggestion" })).toHaveText(/1 suggestion/);
  await box.press("ArrowDown");
  await expect(option).toHaveAttribute("aria-selected", "true");
  await expect(box).toHaveAttribute("aria-activedescendant", (await option.getAttribute("id"))!);
  await box.press("Escape");
  await expect(list).toBeHidden();
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await box.press("ArrowDown");
  await expect(option).toHaveAttribute("aria-selected", "true");
  const results = await new AxeBuilder({ page }).include(".suggest").analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
  await box.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/sites/${ACME}/issues/ACME-2$`));
  expect(errors).toEqual([]);
});
