import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, linkFromMailbox, PORT } from "./support/helpers";

const url = (path = "/") => `http://fossano.localhost:${PORT}${path}`;



/** The code of the first report listed on the home page. */
async function firstListedCode(page: Page): Promise<string> {
  await page.goto(url("/"));
  return (await page.getByTestId("report-row").first().locator(".font-mono").innerText()).trim();
}

test("the home page shows the public reports on the map and in the accessible list", async ({ page }) => {
  await page.goto(url("/"));
  const map = page.getByTestId("reports-map");
  await expect(map).toHaveAttribute("data-features-loaded", /^[1-9]\d*$/, { timeout: 20_000 });
  // The map really draws them (maplibre's worker loaded, layers rendered), not only fetched them.
  await expect(map).toHaveAttribute("data-features-rendered", /^[1-9]\d*$/, { timeout: 20_000 });
  await expect(page.getByRole("region", { name: /Mappa delle segnalazioni pubbliche/ })).toBeVisible();
  const rows = page.getByTestId("report-row");
  await expect(rows).toHaveCount(20);
  for (const code of await rows.locator(".font-mono").allInnerTexts()) expect(code).toMatch(/^FOS-\d{4}-\d{6}$/);
  await expect(page.getByRole("navigation", { name: "Pagine dell'elenco" })).toContainText("Pagina 1 di");
  await expectNoSeriousA11yViolations(page);
});

test("the filters narrow the list and the map to the same reports, without JavaScript-only controls", async ({ page }) => {
  await page.goto(url("/"));
  await page.getByLabel("Stato").selectOption("resolved");
  await page.getByRole("button", { name: "Applica i filtri" }).click();
  await expect(page).toHaveURL(/status=resolved/);
  const badges = page.getByTestId("report-row").getByText("Risolta", { exact: true });
  const rows = await page.getByTestId("report-row").count();
  expect(rows).toBeGreaterThan(0);
  await expect(badges).toHaveCount(rows);
  await expect(page.getByTestId("reports-map")).toHaveAttribute("data-features-loaded", /^\d+$/, { timeout: 20_000 });
  const body = await page.evaluate(async () => (await fetch("/api/reports/geojson?status=resolved")).json() as Promise<{ features: { properties: { status: string } }[] }>);
  expect(body.features.length).toBeGreaterThan(0);
  expect(new Set(body.features.map((f) => f.properties.status))).toEqual(new Set(["resolved"]));
});

test("the list works with the keyboard alone: Tab to a report and open it with Enter", async ({ page }) => {
  await page.goto(url("/"));
  const first = (await page.getByTestId("report-row").first().locator(".font-mono").innerText()).trim();
  await page.getByRole("link", { name: "Salta la mappa e vai all'elenco" }).focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  const focused = page.locator(":focus");
  await expect(focused).toHaveAttribute("href", `/segnalazioni/${first}`);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/segnalazioni/${first}$`));
  await expect(page.locator("main")).toContainText(first);
});

test("a report page shows state, office, timeline and supporters, and is accessible", async ({ page }) => {
  const code = await firstListedCode(page);
  await page.goto(url(`/segnalazioni/${code}`));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("report-status")).toContainText(/Ricevuta|Presa in carico|In lavorazione|Risolta|Non di competenza|Respinta|Duplicata/);
  await expect(page.getByTestId("timeline").locator("li").first()).toContainText("Segnalazione ricevuta");
  await expect(page.getByTestId("supporters")).toContainText(/anche io/);
  await expect(page.getByText("Ufficio competente")).toBeVisible();
  await expect(page.locator("body")).not.toContainText("@");
  await expectNoSeriousA11yViolations(page);
  expect((await page.goto(url("/segnalazioni/FOS-1999-999999")))?.status()).toBe(404);
});

test("the duplicate prompt's #sostieni and #segui links land on those forms, focused and in view", async ({ page }) => {
  const code = await firstListedCode(page);
  for (const [fragment, heading] of [
    ["sostieni", "Anche io"],
    ["segui", "Segui la segnalazione"],
  ] as const) {
    await page.goto(url(`/segnalazioni/${code}#${fragment}`));
    const target = page.locator(`#${fragment}`);
    await expect(target).toHaveCount(1);
    await expect(target).toBeFocused();
    await expect(target).toBeInViewport();
    await expect(target.getByRole("heading", { level: 3, name: heading })).toBeVisible();
    await expect(target.getByLabel("La tua email")).toBeVisible();
  }
});

test("the header leads to sign-in on every public page, usable on a phone", async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
  await page.goto(url("/"));
  const signIn = page.getByRole("banner").getByRole("link", { name: "Accedi" });
  await expect(signIn).toBeVisible();
  await signIn.click();
  await expect(page).toHaveURL(url("/accedi"));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.close();
});

test("following by email: confirmation email → link → button → confirmed", async ({ page, request }) => {
  const code = await firstListedCode(page);
  const email = `segue-${Date.now()}@example.it`;
  await page.goto(url(`/segnalazioni/${code}`));
  const follow = page.locator("form").filter({ has: page.getByRole("button", { name: "Segui" }) });
  await follow.getByLabel("La tua email").fill("non-valida");
  await follow.getByRole("button", { name: "Segui" }).click();
  await expect(follow.getByRole("alert")).toContainText("Controlla i campi");
  await expect(follow.getByLabel("La tua email")).toHaveValue("non-valida");
  await follow.getByLabel("La tua email").fill(email);
  await follow.getByRole("button", { name: "Segui" }).click();
  await expect(follow.getByRole("status")).toContainText("Controlla la tua email");
  const link = await linkFromMailbox(request, email, /http:\/\/fossano\.localhost:\d+\/conferma\/[A-Za-z0-9_-]+/);
  await page.goto(link);
  await expect(page.getByText(`ricevere gli aggiornamenti della segnalazione ${code}`)).toBeVisible();
  await page.getByRole("button", { name: "Conferma" }).click();
  await expect(page.getByRole("status")).toContainText(`ricevi gli aggiornamenti della segnalazione ${code}`);
  await page.reload();
  await expect(page.getByRole("status")).toContainText("già stato usato");
});

test("a comment is published after its email is confirmed, and shown as text", async ({ page, request }) => {
  const code = await firstListedCode(page);
  const email = `commenta-${Date.now()}@example.it`;
  const text = `Confermo, <b>anche</b> oggi ${Date.now()}`;
  await page.goto(url(`/segnalazioni/${code}`));
  await page.getByLabel("Il tuo commento").fill(text);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Invia il commento" }) });
  await form.getByLabel("La tua email").fill(email);
  await form.getByRole("button", { name: "Invia il commento" }).click();
  await expect(form.getByRole("status")).toContainText("sarà pubblicato quando confermi");
  await expect(page.getByTestId("timeline")).not.toContainText(text);
  const link = await linkFromMailbox(request, email, /http:\/\/fossano\.localhost:\d+\/conferma\/[A-Za-z0-9_-]+/);
  await page.goto(link);
  await page.getByRole("button", { name: "Conferma" }).click();
  await expect(page.getByRole("status")).toContainText("commento è pubblicato");
  await page.goto(url(`/segnalazioni/${code}`));
  await expect(page.getByTestId("timeline")).toContainText(text);
  await expect(page.getByTestId("timeline").locator("b")).toHaveCount(0);
});

test("on a 375 px phone the home and report pages do not scroll sideways", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: "it-IT", isMobile: true });
  const page = await context.newPage();
  const code = await firstListedCode(page);
  for (const path of ["/", `/segnalazioni/${code}`]) {
    await page.goto(url(path));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await context.close();
});
