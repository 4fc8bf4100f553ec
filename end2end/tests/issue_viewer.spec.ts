// Reading an issue: the rich description, and comments paged newest or oldest first (each page of
// comments is a link the server renders).
import { expect, test } from "@playwright/test";
import { ACME, LoginPage, trackPageErrors, waitForHydration } from "./fixtures/pages";

test("comments page through newest and oldest first", async ({ page }) => {
  const errors = trackPageErrors(page);
  await new LoginPage(page).goto();
  await (await new LoginPage(page).signIn()).accept("alice");
  await expect(page).toHaveURL(/\/dashboard/);
  await page.goto(`/sites/${ACME}/issues/ACME-1`);
  await waitForHydration(page);
  const comments = page.getByRole("region", { name: "Comments" });
  await expect(comments).toContainText("1–10 of 25");
  await expect(comments.getByRole("listitem").first()).toContainText("Comment 25 on");

  await comments.getByRole("link", { name: "Older comments" }).click();
  await expect(page).toHaveURL(/comments=newest&start=10/);
  await expect(comments).toContainText("11–20 of 25");
  await expect(comments.getByRole("listitem").first()).toContainText("Comment 15 on");

  await comments.getByRole("link", { name: "Oldest first" }).click();
  await expect(comments).toContainText("1–10 of 25");
  await expect(comments.getByRole("listitem").first()).toContainText("Comment 1 on");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Checkout page times out for carts over 100 items");
  await expect(page.getByRole("heading", { name: "Checkout timeouts" })).toBeVisible();
  expect(errors).toEqual([]);
});

test("code blocks are coloured, and their text is exactly the code", async ({ page }) => {
  const errors = trackPageErrors(page);
  await new LoginPage(page).goto();
  await (await new LoginPage(page).signIn()).accept("alice");
  await expect(page).toHaveURL(/\/dashboard/);
  await page.goto(`/sites/${ACME}/issues/ACME-1`);
  const rust = page.locator("figure.adf-code-block", { hasText: "println!" }).locator("code");
  await expect(rust).toHaveText('fn main() {\n    println!("<checkout>");\n}');
  const keyword = rust.locator(".hl-keyword", { hasText: "fn" });
  const plain = await rust.evaluate((code) => getComputedStyle(code).color);
  await expect(keyword).not.toHaveCSS("color", plain);
  await expect(rust.locator(".hl-string")).toHaveText('"<checkout>"');
  const diff = page.locator("figure.adf-code-block", { hasText: "timeout: 60s" });
  await expect(diff.locator(".hl-inserted")).toContainText("+timeout: 60s");
  expect(errors).toEqual([]);
});
