import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

// An axe scan of the pages anyone reaches without a game: no serious or critical violations.
for (const path of ["/", "/join", "/login", "/signup"]) {
  test(`axe finds no serious violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
      [],
    );
  });
}
