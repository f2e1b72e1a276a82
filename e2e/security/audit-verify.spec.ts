// Issue 13 item 11 in the browser: the audit page says when the hash chain was last verified, and a workspace
// admin can verify it now.
import { expect, seed, signIn, test } from "../fixtures";

test("a workspace admin verifies the audit chain from the audit page", async ({ page }) => {
  const ws = await seed.workspace();
  await signIn(page, ws.admin.email);
  await page.goto(`/w/${ws.id}/audit`);
  await expect(page.getByTestId("audit-verified")).toHaveText("Hash chain not verified yet.");
  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByText(/^Audit chain intact: \d+ events verified\.$/)).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("audit-verified")).toHaveText(/^Hash chain verified \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC: \d+ events intact\.$/);
});
