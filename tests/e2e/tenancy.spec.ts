import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const url = (sub: string | null, path = "/") => `http://${sub ? `${sub}.` : ""}localhost:${PORT}${path}`;

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function readCount(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).innerText();
  return Number(text.replace(/\D/g, ""));
}

test("the product site lists the demo comuni with links to their subdomains", async ({ page }) => {
  await page.goto(url(null));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("comuni");
  for (const name of ["Fossano", "Scandicci", "Trieste"]) {
    const link = page.getByRole("link", { name: new RegExp(`Comune di ${name}`) });
    await expect(link).toHaveAttribute("href", url(name.toLowerCase()));
  }
  await expectNoSeriousA11yViolations(page);
});

test("each comune's subdomain shows its own name and only its own reports", async ({ page }) => {
  const seen: Record<string, number> = {};
  for (const [slug, name, prefix] of [
    ["fossano", "Fossano", "FOS"],
    ["trieste", "Trieste", "TRS"],
  ] as const) {
    await page.goto(url(slug));
    await expect(page.getByRole("banner")).toContainText(`Comune di ${name}`);
    const total = await readCount(page, "count-total");
    expect(total).toBeGreaterThan(100);
    seen[slug] = total;
    const codes = await page.getByTestId("recent-reports").locator(".font-mono").allInnerTexts();
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(code).toMatch(new RegExp(`^${prefix}-\\d{4}-\\d{6}$`));
    const body = await page.locator("body").innerText();
    expect(body).not.toContain(prefix === "FOS" ? "TRS-" : "FOS-");
  }
  expect(seen.fossano).not.toEqual(seen.trieste);
});

test("the counts by state add up to the total", async ({ page }) => {
  await page.goto(url("scandicci"));
  const total = await readCount(page, "count-total");
  let sum = 0;
  for (const s of ["new", "acknowledged", "in_progress", "resolved", "not_competent", "rejected", "duplicate"]) {
    sum += await readCount(page, `count-${s}`);
  }
  expect(sum).toBe(total);
  await expect(page.getByText("Presa in carico", { exact: true }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("an unknown subdomain gets the Italian 'comune non trovato' page with status 404", async ({ page }) => {
  const response = await page.goto(url("atlantide"));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Comune non trovato" })).toBeVisible();
  await expect(page.getByText("atlantide.localhost")).toBeVisible();
});

test("internal route prefixes cannot be reached directly from any host", async ({ page }) => {
  for (const host of [null, "fossano", "admin", "atlantide"]) {
    for (const path of ["/t/fossano", "/t/trieste/", "/vendor", "/t/segnalazioni.comune.fossano.cn.it"]) {
      // In the browser (it resolves *.localhost); a trailing-slash 308 is followed: wherever it lands, 404.
      const response = await page.goto(url(host, path));
      expect(response?.status(), `${host ?? "apex"}${path}`).toBe(404);
      // The comune's page never renders: no status counts, no list of its reports.
      await expect(page.getByTestId("status-counts")).toHaveCount(0);
      await expect(page.getByTestId("recent-reports")).toHaveCount(0);
    }
  }
});

test("a comune's custom domain serves that comune", async ({ page }) => {
  await page.goto(`http://segnalazioni.comune.fossano.cn.it:${PORT}/`);
  await expect(page.getByRole("banner")).toContainText("Comune di Fossano");
});

test("the language can be switched to English and back", async ({ page }) => {
  await page.goto(url("fossano"));
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Citizens' reports");
  await expect(page.getByRole("banner")).toContainText("Municipality of Fossano");
  await page.getByRole("button", { name: /Italiano/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Segnalazioni dei cittadini");
});

test("on a phone the comune page fits the screen", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: "it-IT", isMobile: true });
  const page = await context.newPage();
  await page.goto(url("fossano"));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByTestId("count-total")).toBeVisible();
  await context.close();
});
