import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, FOSSANO, staffSession } from "./support/helpers";

/**
 * The mayor opens the dashboard from the staff header: figures for 30 and 90 days, accessible tables per
 * office, per category and per week. An operator has no such link and the page does not exist for them.
 */
test.describe("dashboard on fossano", () => {
  test("the mayor reads the figures of the last 30 and 90 days", async ({ browser }) => {
    const { context, page } = await staffSession(browser, "sindaco@fossano.demo");
    await page.getByRole("navigation", { name: "Navigazione del back office" }).getByRole("link", { name: "Cruscotto" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Cruscotto" })).toBeVisible();
    await expect(page.getByTestId("kpi-received")).toHaveText(/^\d[\d.]*$/);
    const offices = page.getByTestId("dashboard-offices");
    await expect(offices.getByRole("rowheader", { name: "Manutenzioni e Lavori Pubblici" })).toBeVisible();
    await expect(page.getByTestId("dashboard-weeks").getByRole("row")).not.toHaveCount(1);
    await expectNoSeriousA11yViolations(page);
    const received30 = Number((await page.getByTestId("kpi-received").innerText()).replace(/\./g, ""));
    await page.getByRole("link", { name: "Ultimi 90 giorni" }).click();
    await expect(page.getByRole("link", { name: "Ultimi 90 giorni" })).toHaveAttribute("aria-current", "page");
    const received90 = Number((await page.getByTestId("kpi-received").innerText()).replace(/\./g, ""));
    expect(received90).toBeGreaterThanOrEqual(received30);
    await context.close();
  });

  test("an operator has no dashboard", async ({ browser }) => {
    const { context, page } = await staffSession(browser, "manutenzioni@fossano.demo");
    await expect(page.getByRole("navigation", { name: "Navigazione del back office" }).getByRole("link", { name: "Cruscotto" })).toHaveCount(0);
    const response = await page.goto(`${FOSSANO}/ufficio/cruscotto`);
    expect(response?.status()).toBe(404);
    await context.close();
  });
});
