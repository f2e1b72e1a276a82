// axe-core on every page (docs/accessibility.md): 0 serious or critical violations of WCAG 2.1 A/AA, printed per
// page. The pages come from app/**/page.tsx (./pages.ts), so a new page is checked without editing this spec.
import AxeBuilder from "@axe-core/playwright";
import { E2E_ADMIN } from "../support/e2e-env";
import { expect, screenshot, signIn, test } from "../fixtures";
import { demoUrls, NOT_VISITED, pageTemplates } from "./pages";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const BLOCKING = new Set(["serious", "critical"]);

async function audit(page: import("@playwright/test").Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const blocking = violations.filter((v) => BLOCKING.has(v.impact ?? ""));
  return {
    all: violations.length,
    blocking: blocking.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(" | ")}`,
    ),
  };
}

test("every page has 0 serious or critical axe violations", async ({ page }) => {
  test.setTimeout(120_000);
  const results: Array<{ page: string; all: number; blocking: string[] }> = [];

  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  results.push({ page: "/login", ...(await audit(page)) });

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const urls = await demoUrls();
  expect(Object.keys(urls).length + Object.keys(NOT_VISITED).length, "a page template has no URL").toBe(pageTemplates().length);
  for (const [template, url] of Object.entries(urls)) {
    if (template === "/login") continue;
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(200);
    // Lazily loaded parts (the secret browser) are in the page once the first heading is.
    await page.locator("main h1, main h2").first().waitFor();
    results.push({ page: template, ...(await audit(page)) });
    if (template.endsWith("/settings/api")) await screenshot(page, "api-reference");
  }

  const width = Math.max(...results.map((r) => r.page.length));
  console.log(
    `axe (WCAG 2.1 A/AA) per page: violations of any impact / serious or critical\n${results.map((r) => `${r.page.padEnd(width)}  ${String(r.all).padStart(2)} / ${r.blocking.length}${r.blocking.length ? `\n    ${r.blocking.join("\n    ")}` : ""}`).join("\n")}`,
  );
  expect(results.flatMap((r) => r.blocking.map((b) => `${r.page}: ${b}`))).toEqual([]);
});
