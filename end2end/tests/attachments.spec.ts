// The whole issue: pictures in the description and comments load through the server, files
// download with their names, an SVG or HTML attachment never runs, and issue links show their
// summary.
import { expect, test } from "@playwright/test";
import { ACME, LoginPage, trackPageErrors, waitForHydration } from "./fixtures/pages";

test.beforeEach(async ({ page }) => {
  await new LoginPage(page).goto();
  await (await new LoginPage(page).signIn()).accept("alice");
  await expect(page).toHaveURL(/\/dashboard/);
});

test("pictures render, links resolve, files download with their names", async ({ page }) => {
  const errors = trackPageErrors(page);
  await page.goto(`/sites/${ACME}/issues/ACME-1`);
  await waitForHydration(page);

  const screenshot = page.locator(".adf img[alt='screenshot.png']");
  await screenshot.scrollIntoViewIfNeeded();
  await expect(screenshot).toBeVisible();
  await expect
    .poll(() => screenshot.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBe(320);
  const thumbnails = page.locator(".attachments img");
  await expect(thumbnails).toHaveCount(4);

  const card = page.locator(".adf a.adf-issue-card", { hasText: "ACME-2" }).first();
  await expect(card).toBeVisible();
  await expect(card.locator(".adf-issue-card__summary")).not.toBeEmpty();

  const attachments = page.getByRole("region", { name: "Attachments" });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    attachments.getByRole("link", { name: "specification.pdf" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("specification.pdf");
  expect(errors).toEqual([]);
});

test("an SVG or HTML attachment downloads and never runs", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.goto(`/sites/${ACME}/issues/ACME-1`);
  const attachments = page.getByRole("region", { name: "Attachments" });
  for (const name of ["logo.svg", "report.html"]) {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      attachments.getByRole("link", { name }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(name);
  }
  // Opened directly, they are still downloads, not documents.
  for (const id of ["50006", "50007"]) {
    const response = await page.request.get(`/sites/${ACME}/attachments/${id}`);
    expect(response.headers()["content-type"]).toBe("application/octet-stream");
    expect(response.headers()["content-disposition"]).toMatch(/^attachment;/);
  }
  expect(dialogs).toEqual([]);
});
