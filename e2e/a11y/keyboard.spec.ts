// Keyboard only (docs/accessibility.md): the scope-switch dialog, the connection form with the secret browser,
// and the workflow editor, driven with Tab, Shift+Tab, Space, Enter and Escape. Each dialog takes focus when it
// opens and gives it back to its trigger when it closes; every focused control shows a visible focus ring.
import type { Locator, Page } from "@playwright/test";
import { API_TOKEN_REF, resetAws, seedAwsWorkspace, signInAs } from "../connections/support";
import { E2E_EMULATORS } from "../support/e2e-env";
import { expect, screenshot, test } from "../fixtures";
import { seedWorkspaceWithReferences } from "../secrets/seed";

test.afterEach(async () => {
  await resetAws();
});

/** Presses Tab until `target` has focus (at most `max` times), then checks that its focus is visible. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      // The ring is on the control, or on its label when the control is a visually hidden radio.
      const ring = await target.evaluate((el) => {
        const shows = (node: Element | null) => {
          if (!node) return false;
          const s = getComputedStyle(node);
          return (s.outlineStyle !== "none" && Number.parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
        };
        return shows(el) || shows(el.closest("label")) ? "visible" : "none";
      });
      expect(ring, "the focused control shows a visible focus indicator").not.toBe("none");
      return;
    }
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

test("scope switch: open with Enter, focus inside the dialog, Escape returns focus, confirm with the keyboard", async ({ page }) => {
  const ws = await seedWorkspaceWithReferences();
  await signInAs(page, ws.admin.email);
  await page.goto(`/w/${ws.id}/settings/secrets`);
  const trigger = page.getByRole("button", { name: "Switch to project scope" });
  await tabTo(page, trigger);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(trigger).toBeFocused();

  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole("button", { name: "Use project-specific secrets" });
  await tabTo(page, confirm, 10);
  // Focus stays trapped in the dialog: Tab from the last control wraps inside it.
  await page.keyboard.press("Tab");
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press("Shift+Tab");
  await expect(confirm).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText("Scope: project")).toBeVisible();
});

test("connection form: fill it, pick the token in the secret browser and create, keyboard only", async ({ page }) => {
  const ws = await seedAwsWorkspace();
  await signInAs(page, ws.admin.email);
  await page.goto(`${ws.connections}/new`);
  await tabTo(page, page.getByLabel("Name", { exact: true }));
  await page.keyboard.type("Keyboard API");
  await tabTo(page, page.getByLabel("Base URL"));
  await page.keyboard.type(E2E_EMULATORS.demoTarget);
  await tabTo(page, page.getByLabel("Test path"));
  await page.keyboard.type("/health");
  const token = page.getByRole("group", { name: "Bearer token" });
  const reference = token.getByRole("radio", { name: "Secret reference" });
  // Tab enters a radio group at its checked option; arrow keys move the choice within it.
  await tabTo(page, token.getByRole("radio", { checked: true }));
  for (let i = 0; i < 3 && !(await reference.isChecked()); i++) await page.keyboard.press("ArrowRight");
  await expect(reference).toBeChecked();
  await expect(reference).toBeFocused();

  const browse = token.getByRole("button", { name: "Browse secrets" });
  await tabTo(page, browse);
  await page.keyboard.press("Enter");
  const browser = page.getByRole("dialog", { name: "Pick a secret for Bearer token" });
  await expect(browser).toBeVisible();
  expect(await browser.evaluate((d) => d.contains(document.activeElement)), "focus moves into the dialog").toBe(true);
  await page.keyboard.type("prod/api");
  await tabTo(page, browser.getByRole("button", { name: "Insert reference prod/api-token" }), 20);
  await screenshot(page, "keyboard-secret-browser");
  await page.keyboard.press("Enter");
  await expect(browser).toHaveCount(0);
  await expect(token.getByLabel("Bearer token")).toBeFocused();
  await expect(token.getByLabel("Bearer token")).toHaveValue(API_TOKEN_REF);

  await tabTo(page, page.getByRole("button", { name: "Create connection" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Keyboard API" })).toBeVisible();
});

test("workflow editor: write a definition, leave the editor with Tab and save, keyboard only", async ({ page }) => {
  const ws = await seedAwsWorkspace();
  await signInAs(page, ws.owner.email);
  await page.goto(`/w/${ws.id}/p/${ws.projects[0]!.id}/workflows/new`);
  const editor = page.getByLabel(/^Definition/);
  await tabTo(page, editor);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(
    "document:\n  dsl: '1.0.0'\n  namespace: kb\n  name: keys\n  version: '1.0.0'\ndo:\n  - hello:\n      set:\n        said: hello\n",
  );
  // Tab leaves the editor (no keyboard trap) and reaches Save.
  await tabTo(page, page.getByRole("button", { name: "Save definition" }), 5);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "kb/keys" })).toBeVisible();
  await screenshot(page, "keyboard-workflow-saved");
});
