// When Atlassian stops honouring a connection, the person is told in plain words, signs in again,
// and lands back on the page they were reading. Uses Dana, whom no other spec signs in as, since
// the sandbox levers act on one account.
import { expect, test } from "@playwright/test";
import { ACME, DANA_ACCOUNT_ID, DashboardPage, LoginPage } from "./fixtures/pages";

test("an expired connection leads through sign-in back to the same issue", async ({ page }) => {
  await new LoginPage(page).goto();
  await (await new LoginPage(page).signIn()).accept("dana");
  await new DashboardPage(page).expectSignedInAs("dana");
  await page.goto(`/sites/${ACME}/issues/ACME-2`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Add dark mode to the customer portal");

  for (const lever of ["revoke-grants", "expire-access-tokens"]) {
    const response = await page.request.post(`/sandbox/control/${lever}?account_id=${DANA_ACCOUNT_ID}`);
    expect(response.status()).toBe(204);
  }
  await page.reload();
  await expect(page).toHaveURL(/\/\?notice=expired&return_to=/);
  await expect(page.getByRole("status")).toHaveText("Your Atlassian connection has expired — sign in again.");

  await (await new LoginPage(page).signIn()).accept("dana");
  await expect(page).toHaveURL(`/sites/${ACME}/issues/ACME-2`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Add dark mode to the customer portal");
});
