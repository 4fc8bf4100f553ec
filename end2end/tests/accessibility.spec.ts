// Every kind of page is axe-clean in light and dark, including an issue whose description uses
// every ADF node and mark (ACME-1) and one full of hostile text (TPS-3).
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { ACME, LoginPage, trackPageErrors } from "./fixtures/pages";

const INITECH = "33333333-4444-4555-8666-777777777777";

for (const colorScheme of ["light", "dark"] as const) {
  test(`pages are axe-clean in ${colorScheme} mode`, async ({ page }) => {
    const errors = trackPageErrors(page);
    await page.emulateMedia({ colorScheme });
    await new LoginPage(page).goto();
    await (await new LoginPage(page).signIn()).accept("alice");
    await expect(page).toHaveURL(/\/dashboard/);
    for (const path of [
      "/dashboard",
      `/sites/${ACME}/issues/ACME-1`,
      `/sites/${INITECH}/issues/TPS-3`,
      "/search?q=upgrade&status=todo",
      "/search?mode=jql&jql=order%20by%20key",
      "/no-such-page",
    ]) {
      await page.goto(path);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
    }
    expect(errors.filter((e) => !e.includes("404"))).toEqual([]);
  });
}
