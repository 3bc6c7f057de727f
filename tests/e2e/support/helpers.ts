import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";

/** Shared by the e2e specs: hosts, the report form, sign-in, the dev mailbox and the accessibility check. */
export const PORT = Number(process.env.E2E_PORT ?? 3100);
export const FOSSANO = `http://fossano.localhost:${PORT}`;
export const TRIESTE = `http://trieste.localhost:${PORT}`;
export const DEMO_PASSWORD = "piazza-demo-2026";

export async function expectNoSeriousA11yViolations(page: Page) {
  // Next streams the <title> with the page's metadata: right after a navigation (a server action's
  // redirect) axe could run before it arrived. A page that never gets a title still fails here.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Step 1 of /segnala: searches the category list and picks a leaf by the start of its name. */
export async function chooseCategory(page: Page, search: string, name: string) {
  await page.getByLabel("Cerca una categoria").fill(search);
  await page.getByRole("radio", { name: new RegExp(`^${name}`) }).check();
  await page.getByRole("button", { name: "Avanti" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Dove si trova?" })).toBeFocused();
}

export async function setPosition(page: Page, lat: number, lng: number) {
  await page.getByLabel("Latitudine").fill(String(lat));
  await page.getByLabel("Longitudine").fill(String(lng));
}

export type Mail = { subject: string; text: string; html: string };

/** The emails the app sent to `address` (dev mailbox, newest first). */
export async function mailTo(request: APIRequestContext, address: string): Promise<Mail[]> {
  const res = await request.get(`http://127.0.0.1:${PORT}/api/dev/mailbox?to=${encodeURIComponent(address)}`);
  return res.ok() ? ((await res.json()) as Mail[]) : [];
}

/** The newest link in an email to `to` matching `pattern` (dev mailbox; Node calls 127.0.0.1), polled. */
export async function linkFromMailbox(request: APIRequestContext, to: string, pattern: RegExp): Promise<string> {
  let link = "";
  await expect
    .poll(
      async () => {
        link = (await mailTo(request, to)).map((m) => m.text.match(pattern)?.[0]).find(Boolean) ?? "";
        return link;
      },
      { timeout: 20_000 },
    )
    .not.toBe("");
  return link;
}

/**
 * A citizen files a report through the whole /segnala form (category, position, description, email,
 * consent) and lands on the receipt; returns the report's code.
 */
export async function fileReport(
  page: Page,
  r: { search: string; category: string; lat: number; lng: number; title: string; description: string; email: string; name?: string },
): Promise<string> {
  await page.goto(`${FOSSANO}/segnala`);
  await chooseCategory(page, r.search, r.category);
  await setPosition(page, r.lat, r.lng);
  await page.getByRole("button", { name: "Avanti" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Descrizione e foto" })).toBeFocused();
  await page.getByLabel("Titolo breve (facoltativo)").fill(r.title);
  await page.getByLabel("Descrizione", { exact: true }).fill(r.description);
  await page.getByRole("button", { name: "Avanti" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "I tuoi contatti e invio" })).toBeFocused();
  if (r.name) await page.getByLabel("Nome e cognome (facoltativo)").fill(r.name);
  await page.getByLabel("Email").fill(r.email);
  await page.getByRole("checkbox", { name: /Ho letto l'informativa/ }).check();
  await page.getByRole("button", { name: "Invia la segnalazione" }).click();
  await expect(page).toHaveURL(/\/segnala\/ricevuta\/FOS-\d{4}-\d{6}$/);
  return (await page.getByTestId("receipt-code").innerText()).trim();
}

/** Staff sign-in with the password form of /accedi on `origin`; waits until the back office is shown. */
export async function signIn(page: Page, origin: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${origin}/accedi?next=/ufficio`);
  const form = page.getByRole("region", { name: "Personale del Comune" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Accedi" }).click();
  await expect(page).toHaveURL(new RegExp(`^${origin.replace(/[.]/g, "\\.")}/ufficio`));
  await expect(page.getByRole("heading", { level: 1, name: "Segnalazioni" })).toBeVisible();
}

/** A fresh browser context (own cookies) signed in as a demo staff member. */
export async function staffSession(browser: Browser, email: string, origin = FOSSANO): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: "it-IT", timezoneId: "Europe/Rome" });
  const page = await context.newPage();
  await signIn(page, origin, email);
  return { context, page };
}
