import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_PASSWORD, expectNoSeriousA11yViolations, linkFromMailbox, PORT } from "./support/helpers";

/**
 * Staff accounts end to end in Chromium against the production build: password sign-in and sign-out,
 * host-only cookies bound to the comune, emailed sign-in links, invitations, lockout, configuration that
 * citizens see, the audit trail, and axe on the pages of this area.
 */
const url = (sub: string | null, path = "/") => `http://${sub ? `${sub}.` : ""}localhost:${PORT}${path}`;



async function signInWithPassword(page: Page, slug: string, email: string, password: string, next = "/ufficio/profilo") {
  await page.goto(url(slug, `/accedi?next=${encodeURIComponent(next)}`));
  const form = page.getByRole("region", { name: "Personale del Comune" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password", { exact: true }).fill(password);
  await form.getByRole("button", { name: "Accedi" }).click();
}

async function sessionCookie(context: BrowserContext, host: string) {
  const cookies = await context.cookies(`http://${host}:${PORT}`);
  return cookies.find((c) => c.name.endsWith("authjs.session-token"));
}

test("staff sign in with a password on their comune's host, with a host-only cookie, and sign out", async ({ page, context }) => {
  await signInWithPassword(page, "fossano", "urp@fossano.demo", DEMO_PASSWORD);
  await expect(page).toHaveURL(url("fossano", "/ufficio/profilo"));
  await expect(page.getByRole("heading", { level: 1, name: "Il mio profilo" })).toBeVisible();
  await expect(page.getByText("Davide Rinaudo (urp@fossano.demo)")).toBeVisible();
  const cookie = await sessionCookie(context, "fossano.localhost");
  expect(cookie).toBeTruthy();
  // Host-only: Chromium records the exact host (no leading dot means no Domain attribute was sent).
  expect(cookie!.domain).toBe("fossano.localhost");
  expect(cookie!.httpOnly).toBe(true);
  expect(await sessionCookie(context, "trieste.localhost")).toBeUndefined();
  await expectNoSeriousA11yViolations(page);

  await page.locator("main").getByRole("button", { name: "Esci" }).click();
  await expect(page).toHaveURL(url("fossano", "/accedi?uscito=1"));
  await expect(page.getByRole("banner").first()).toContainText("Comune di Fossano");
  await expect(page.locator("main").getByRole("status")).toHaveText("Sei uscito. A presto!");
  expect(await sessionCookie(context, "fossano.localhost")).toBeUndefined();
  await page.goto(url("fossano", "/ufficio/profilo"));
  await expect(page).toHaveURL(/\/accedi\?next=%2Fufficio%2Fprofilo/);
});

test("the same wrong answer for an unknown email and a wrong password; the sign-in page is accessible", async ({ page }) => {
  await signInWithPassword(page, "fossano", "nessuno@fossano.demo", "qualcosa-di-sbagliato");
  await expect(page.locator("main").getByRole("alert")).toHaveText("Email o password non corretti.");
  await expectNoSeriousA11yViolations(page);
});

test("a session cookie replayed on another comune's host is rejected", async ({ page, context }) => {
  await signInWithPassword(page, "fossano", "admin@fossano.demo", DEMO_PASSWORD);
  await expect(page).toHaveURL(url("fossano", "/ufficio/profilo"));
  const cookie = (await sessionCookie(context, "fossano.localhost"))!;
  await context.addCookies([{ name: cookie.name, value: cookie.value, domain: "trieste.localhost", path: "/", httpOnly: true, sameSite: "Lax" }]);
  await page.goto(url("trieste", "/ufficio/profilo"));
  await expect(page).toHaveURL(url("trieste", "/accedi?next=%2Fufficio%2Fprofilo"));
  await page.goto(url("trieste", "/ufficio/impostazioni"));
  await expect(page).toHaveURL(/trieste\.localhost:\d+\/accedi/);
  // The original comune still accepts it.
  await page.goto(url("fossano", "/ufficio/impostazioni"));
  await expect(page.getByRole("heading", { level: 1, name: "Impostazioni del Comune" })).toBeVisible();
});

test("a citizen signs in with an emailed link and sees their account", async ({ page, request }) => {
  const email = `cittadina-${Date.now()}@example.it`;
  await page.goto(url("scandicci", "/accedi?next=/account"));
  const form = page.getByRole("region", { name: "Accedi con un link via email" });
  await form.getByLabel("Email").fill(email);
  await form.getByRole("button", { name: "Inviami il link" }).click();
  await expect(page.getByRole("status")).toContainText(email);
  const link = await linkFromMailbox(request, email, /http:\/\/scandicci\.localhost:\d+\/accedi\/link\?\S+/);
  await page.goto(link);
  await page.getByRole("button", { name: "Accedi" }).click();
  await expect(page).toHaveURL(url("scandicci", "/account"));
  await expect(page.getByRole("heading", { level: 2, name: "Le mie segnalazioni" })).toBeVisible();
  await expect(page.getByText(`Hai effettuato l'accesso come ${email}.`)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  // Signed in, the header leads back to the account, and a report page does not ask for an address.
  await page.goto(url("scandicci", "/"));
  await page.getByRole("banner").getByRole("link", { name: "Il mio account" }).click();
  await expect(page).toHaveURL(url("scandicci", "/account"));
  await page.goto(url("scandicci", "/"));
  const code = (await page.getByTestId("report-row").first().locator(".font-mono").innerText()).trim();
  await page.goto(url("scandicci", `/segnalazioni/${code}`));
  const support = page.locator("#sostieni");
  await expect(support).toContainText(`Partecipi con il tuo account (${email})`);
  await expect(support.getByLabel("La tua email")).toHaveCount(0);
  await expect(page.locator("#segui").getByLabel("La tua email")).toHaveCount(0);
  await support.getByRole("button", { name: "Anche io" }).click();
  await expect(support.getByRole("status")).toContainText("«anche io» è stato contato");
  // The same link cannot be used twice.
  await page.goto(link);
  await page.getByRole("button", { name: "Accedi" }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText("non è valido");

  // Deleting the account needs the address retyped; afterwards the session is gone.
  await page.goto(url("scandicci", "/account"));
  await page.getByLabel(`Per confermare, scrivi il tuo indirizzo email (${email})`).fill("altro@example.it");
  await page.getByRole("button", { name: "Elimina definitivamente il mio account" }).click();
  await expect(page.getByText("L'indirizzo non coincide con quello dell'account.")).toBeVisible();
  await page.getByLabel(`Per confermare, scrivi il tuo indirizzo email (${email})`).fill(email);
  await page.getByRole("button", { name: "Elimina definitivamente il mio account" }).click();
  await expect(page).toHaveURL(url("scandicci", "/account/eliminato"));
  await expect(page.getByRole("heading", { level: 1, name: "Account eliminato" })).toBeVisible();
  await page.goto(url("scandicci", "/account"));
  await expect(page).toHaveURL(/\/accedi\?next=%2Faccount|\/accedi\?next=\/account/);
});

test("admin creates a category, citizens can choose it, and the audit log records it", async ({ page }) => {
  // A long journey (several pages, each with an axe scan; the area page loads a map).
  test.slow();
  page.on("dialog", (d) => d.accept());
  const name = `Panchina rotta ${Date.now()}`;
  await signInWithPassword(page, "fossano", "admin@fossano.demo", DEMO_PASSWORD, "/ufficio/impostazioni/categorie");
  await expect(page.getByRole("heading", { level: 1, name: "Categorie" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const form = page.getByRole("region", { name: "Nuova categoria" });
  await form.getByLabel("Nome", { exact: true }).fill(name);
  await form.getByLabel("Categoria superiore").selectOption({ index: 1 });
  await form.getByLabel("Tempo di risposta (giorni lavorativi)").fill("7");
  await form.getByLabel("Ufficio competente").selectOption({ index: 1 });
  await form.getByRole("button", { name: "Crea categoria" }).click();
  await expect(form.getByRole("status")).toHaveText("Modifiche salvate.");
  await expect(page.getByText(name, { exact: true })).toBeVisible();

  await page.goto(url("fossano", "/api/v1/categories"));
  expect(await page.locator("body").innerText()).toContain(name);

  await page.goto(url("fossano", "/ufficio/audit?action=category"));
  const row = page.getByRole("row").filter({ hasText: "Ha creato una categoria" }).first();
  await expect(row).toContainText("Chiara Bertola");
  await expect(row.getByRole("link")).toHaveText(name);
  await expectNoSeriousA11yViolations(page);

  for (const path of ["/ufficio/impostazioni", "/ufficio/impostazioni/uffici", "/ufficio/impostazioni/personale", "/ufficio/impostazioni/area"]) {
    await page.goto(url("fossano", path));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  }
});

test("an operator without settings permission gets 404 on settings", async ({ page }) => {
  await signInWithPassword(page, "fossano", "manutenzioni@fossano.demo", DEMO_PASSWORD, "/ufficio/impostazioni");
  await expect(page.getByText(/non trovat/i).first()).toBeVisible();
  await page.goto(url("fossano", "/ufficio/audit"));
  await expect(page.getByRole("heading", { level: 1, name: "Registro attività" })).toHaveCount(0);
});

test("admin invites an operator who accepts, signs in, is locked out after 5 wrong passwords, and resets the password by email", async ({ page, request, context }) => {
  // A long journey (several pages, each with an axe scan; the area page loads a map).
  test.slow();
  const email = `operatore-${Date.now()}@example.it`;
  const password = "gelato-al-pistacchio-2026";
  await signInWithPassword(page, "fossano", "admin@fossano.demo", DEMO_PASSWORD, "/ufficio/impostazioni/personale");
  const invite = page.getByRole("region", { name: "Invita una persona" });
  await invite.getByLabel("Email").fill(email);
  await invite.getByLabel("Ruolo").selectOption("operator");
  await invite.getByRole("checkbox").first().check();
  await invite.getByRole("button", { name: "Invia l'invito" }).click();
  await expect(invite.getByRole("status")).toHaveText("Invito inviato.");
  await expect(page.getByRole("region", { name: "Inviti in attesa" })).toContainText(email);
  await page.goto(url("fossano", "/ufficio/profilo"));
  await page.locator("main").getByRole("button", { name: "Esci" }).click();
  // Sign-out ends in a full navigation to /accedi: let it land before the next goto, or that goto is aborted.
  await expect(page).toHaveURL(/\/accedi\?uscito=1/);
  await context.clearCookies();

  const link = await linkFromMailbox(request, email, /http:\/\/fossano\.localhost:\d+\/accedi\/invito\?token=\S+/);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Invito al personale del Comune" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Nome e cognome").fill("Giulia Operatrice");
  await page.getByLabel("Scegli una password").fill("corta");
  await page.getByRole("button", { name: "Accetta l'invito" }).click();
  await expect(page.getByText("La password deve avere almeno 12 caratteri.")).toBeVisible();
  await expect(page.getByLabel("Nome e cognome")).toHaveValue("Giulia Operatrice");
  await page.getByLabel("Scegli una password").fill(password);
  await page.getByRole("button", { name: "Accetta l'invito" }).click();
  await expect(page).toHaveURL(/\/accedi\?invited=1/);

  await signInWithPassword(page, "fossano", email, password);
  await expect(page.getByText(`Giulia Operatrice (${email})`)).toBeVisible();
  await expect(page.getByText("Operatore", { exact: false }).first()).toBeVisible();
  await page.locator("main").getByRole("button", { name: "Esci" }).click();
  await expect(page).toHaveURL(/\/accedi\?uscito=1/);

  // Accepting twice does not work.
  await page.goto(link);
  await expect(page.locator("main").getByRole("alert")).toContainText("non è valido");

  for (let i = 0; i < 5; i++) {
    await signInWithPassword(page, "fossano", email, `sbagliata-${i}-password`);
    await expect(page.locator("main").getByRole("alert")).toBeVisible();
  }
  await signInWithPassword(page, "fossano", email, password);
  await expect(page.locator("main").getByRole("alert")).toHaveText("Troppi tentativi non riusciti: l'accesso è bloccato per 15 minuti.");
  await expect(page).not.toHaveURL(/\/ufficio\/profilo/);

  // "Password dimenticata": the emailed one-time link sets a new password and lifts the lockout.
  await page.getByRole("link", { name: "Password dimenticata?" }).click();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Inviami il link" }).click();
  await expect(page.locator("main").getByRole("status")).toContainText(email);
  const reset = await linkFromMailbox(request, email, /http:\/\/fossano\.localhost:\d+\/accedi\/reimposta\?\S+/);
  const newPassword = "risotto-allo-zafferano-42";
  await page.goto(reset);
  await page.getByLabel("Nuova password").fill(email);
  await page.getByRole("button", { name: "Salva la nuova password" }).click();
  await expect(page.getByText("La password non può essere il tuo indirizzo email.")).toBeVisible();
  await page.getByLabel("Nuova password").fill(newPassword);
  await page.getByRole("button", { name: "Salva la nuova password" }).click();
  await expect(page.locator("main").getByRole("status")).toHaveText("Password aggiornata: ora puoi accedere.");
  await signInWithPassword(page, "fossano", email, newPassword);
  await expect(page.getByText(`Giulia Operatrice (${email})`)).toBeVisible();
  // The link worked once.
  await page.goto(reset);
  await page.getByLabel("Nuova password").fill("un-altra-password-ancora");
  await page.getByRole("button", { name: "Salva la nuova password" }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText("già stato usato");
});

test("when the comune makes the second factor mandatory, staff enrol TOTP first and the session is upgraded in place", async ({ page }) => {
  const { totpCode } = await import("../../lib/auth/totp");
  await signInWithPassword(page, "scandicci", "admin@scandicci.demo", DEMO_PASSWORD, "/ufficio/impostazioni");
  const security = page.getByRole("region", { name: "Sicurezza" });
  await security.getByLabel("Verifica in due passaggi obbligatoria per tutto il personale").check();
  await security.getByRole("button", { name: "Salva" }).click();
  let secret = "";
  try {
    // The admin has no second factor yet: the page re-renders straight into enrolment, and so does every
    // other back-office page for this session.
    await expect(page).toHaveURL(url("scandicci", "/ufficio/profilo/2fa"));
    await page.goto(url("scandicci", "/ufficio/impostazioni/categorie"));
    await expect(page).toHaveURL(url("scandicci", "/ufficio/profilo/2fa"));
    await expect(page.locator("main").getByRole("status")).toContainText("richiede la verifica in due passaggi");
    await expect(page.getByRole("img", { name: "Codice QR per configurare l'app di autenticazione" }).locator("svg")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    secret = (await page.getByTestId("totp-secret").innerText()).trim();
    await page.getByLabel("Codice a 6 cifre").fill(totpCode(secret) === "000000" ? "111111" : "000000");
    await page.getByRole("button", { name: "Attiva" }).click();
    await expect(page.getByText("Il codice non è valido")).toBeVisible();
    await page.getByLabel("Codice a 6 cifre").fill(totpCode(secret));
    await page.getByRole("button", { name: "Attiva" }).click();
    await expect(page).toHaveURL(url("scandicci", "/ufficio/profilo?totp=on"));
    await expect(page.locator("main").getByRole("status")).toHaveText("Verifica in due passaggi attivata.");
    // Same session, no new sign-in: back-office pages open again.
    await page.goto(url("scandicci", "/ufficio/impostazioni/categorie"));
    await expect(page.getByRole("heading", { level: 1, name: "Categorie" })).toBeVisible();
    // A new password sign-in now asks for the code.
    await page.goto(url("scandicci", "/ufficio/profilo"));
    await page.locator("main").getByRole("button", { name: "Esci" }).click();
    await expect(page).toHaveURL(/\/accedi\?uscito=1/);
    await signInWithPassword(page, "scandicci", "admin@scandicci.demo", DEMO_PASSWORD, "/ufficio/impostazioni");
    await expect(page.locator("main").getByRole("alert")).toHaveText("Inserisci il codice a 6 cifre della tua app di autenticazione.");
    const form = page.getByRole("region", { name: "Personale del Comune" });
    await form.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await form.getByLabel("Codice dell'app di autenticazione (6 cifre)").fill(totpCode(secret));
    await form.getByRole("button", { name: "Accedi" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Impostazioni del Comune" })).toBeVisible();
  } finally {
    // Leave the demo comune and its admin as they were for the other suites.
    if (!secret) {
      await page.goto(url("scandicci", "/ufficio/profilo/2fa"));
      secret = (await page.getByTestId("totp-secret").innerText()).trim();
      await page.getByLabel("Codice a 6 cifre").fill(totpCode(secret));
      await page.getByRole("button", { name: "Attiva" }).click();
      await expect(page).toHaveURL(/totp=on/);
    }
    await page.goto(url("scandicci", "/ufficio/impostazioni"));
    const region = page.getByRole("region", { name: "Sicurezza" });
    await region.getByLabel("Verifica in due passaggi obbligatoria per tutto il personale").uncheck();
    await region.getByRole("button", { name: "Salva" }).click();
    await expect(region.getByRole("status")).toHaveText("Modifiche salvate.");
    if (secret) {
      await page.goto(url("scandicci", "/ufficio/profilo/2fa"));
      await page.getByLabel("Codice a 6 cifre").fill(totpCode(secret));
      await page.getByRole("button", { name: "Disattiva la verifica in due passaggi" }).click();
      await expect(page.locator("main").getByRole("status")).toHaveText("Verifica in due passaggi disattivata.");
    }
  }
});

test("on a 375 px phone the settings, audit and sign-in pages do not scroll sideways", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(url("trieste", "/accedi"));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await signInWithPassword(page, "trieste", "admin@trieste.demo", DEMO_PASSWORD, "/ufficio/impostazioni/categorie");
  for (const path of ["/ufficio/impostazioni/categorie", "/ufficio/impostazioni/personale", "/ufficio/audit", "/ufficio/profilo"]) {
    await page.goto(url("trieste", path));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375);
  }
});
