// Every page follows the person's language: `<html lang dir>`, a heading from that language's
// catalogue, dates in its words; the language control works as a plain form; axe stays clean in
// Arabic (right to left) and Japanese.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ACME, LoginPage, trackPageErrors } from "./fixtures/pages";

type Lang = "en" | "de" | "ja" | "ar";

/** A one-line message of a catalogue, as app/locales/<lang>/<file>.ftl has it. */
function message(lang: Lang, file: string, id: string): string {
  const source = readFileSync(resolve(__dirname, `../../app/locales/${lang}/${file}.ftl`), "utf8");
  const found = source.match(new RegExp(`^${id} = (.+)$`, "m"));
  if (!found) throw new Error(`${lang}/${file}.ftl has no one-line ${id}`);
  return found[1].trim();
}

/** Each kind of page, and the heading on it that comes from the catalogue. */
const PAGES = [
  { path: "/dashboard", heading: "#sites-title", file: "dashboard", id: "dashboard-your-sites" },
  { path: `/sites/${ACME}/issues/ACME-1`, heading: "#description-title", file: "issue", id: "issue-description" },
  { path: "/search?q=upgrade", heading: "h1", file: "search", id: "search-title" },
  { path: "/no-such-page", heading: "#error-title", file: "app", id: "error-page-not-found-title" },
];

async function expectPagesIn(page: Page, lang: Lang, dir: "ltr" | "rtl", axe: boolean) {
  for (const { path, heading, file, id } of PAGES) {
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expect(page.locator("html")).toHaveAttribute("dir", dir);
    const text = message(lang, file, id);
    if (lang !== "en") expect(text).not.toEqual(message("en", file, id));
    await expect(page.locator(heading).first()).toContainText(text);
    if (axe) {
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${lang} ${path} ${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
    }
  }
}

async function signInAs(page: Page, name: RegExp) {
  await new LoginPage(page).goto();
  await new LoginPage(page).signInLink().click();
  await page.getByRole("radio", { name }).check();
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
}

for (const [locale, lang, dir] of [
  ["de-DE", "de", "ltr"],
  ["ja-JP", "ja", "ltr"],
  ["ar-EG", "ar", "rtl"],
  ["fr-FR", "en", "ltr"],
] as const) {
  test(`a signed-out browser asking for ${locale} reads ${lang}`, async ({ browser }) => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expect(page.locator("html")).toHaveAttribute("dir", dir);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(message(lang, "app", "login-heading"));
    await context.close();
  });
}

test("an Arabic speaker's pages are Arabic, right to left, and axe-clean", async ({ page }) => {
  const errors = trackPageErrors(page);
  await signInAs(page, /Layla Haddad/);
  await expectPagesIn(page, "ar", "rtl", true);
  await page.goto(`/sites/${ACME}/issues/ACME-1`);
  await expect(page.locator("#issue-summary")).toHaveAttribute("dir", "auto");
  await expect(page.locator(".relative-time").first()).toContainText("قبل");
  expect(errors.filter((e) => !e.includes("404"))).toEqual([]);
});

test("a German speaker's pages are German, dates too", async ({ page }) => {
  await signInAs(page, /Emil Weber/);
  await expectPagesIn(page, "de", "ltr", false);
  await page.goto(`/sites/${ACME}/issues/ACME-1`);
  await expect(page.locator(".relative-time").first()).toContainText("vor");
});

test("the language control switches to Japanese without JavaScript, and Japanese pages are axe-clean", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-US" });
  const page = await context.newPage();
  await signInAs(page, /Alice Adams/);
  await page.getByLabel(message("en", "app", "language-label")).selectOption("ja");
  await page.getByRole("button", { name: message("en", "app", "language-apply") }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await context.close();

  const withScript = await browser.newContext({ locale: "en-US" });
  const jaPage = await withScript.newPage();
  await signInAs(jaPage, /Alice Adams/);
  await jaPage.getByLabel("Language").selectOption("ja");
  await jaPage.getByRole("button", { name: "Change" }).click();
  await expectPagesIn(jaPage, "ja", "ltr", true);
  await withScript.close();
});
