import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { totpCode } from "@/lib/auth/totp";

/**
 * The SaaS journey in the issue: a comune signs up at the apex, confirms from the dev mailbox, completes the
 * wizard and its subdomain shows its map; it subscribes through the (stand-in) Checkout and the webhook makes
 * it active; vendor staff see it in the console and suspend it; its public site then shows the notice.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const url = (sub: string | null, path = "/") => `http://${sub ? `${sub}.` : ""}localhost:${PORT}${path}`;
const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a comune signs up, subscribes, and is suspended by vendor staff", async ({ page, request }) => {
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36);
  const slug = `bra-${suffix}`;
  const email = `sindaco.${suffix}@comune.bra.example.it`;

  // 1. Sign-up at the apex, with the accessible combobox and the live subdomain check.
  await page.goto(url(null, "/attiva"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Attiva Piazza per il tuo Comune");
  await expectNoSeriousA11yViolations(page);
  const combobox = page.getByRole("combobox", { name: "Comune" });
  await combobox.fill("Bra");
  await expect(page.getByRole("option", { name: /^Bra \(CN\)/ })).toBeVisible();
  await combobox.press("ArrowDown");
  await page.getByRole("option", { name: /^Bra \(CN\)/ }).click();
  await expect(combobox).toHaveValue("Bra (CN)");
  const slugInput = page.getByLabel("Indirizzo del sito");
  await slugInput.fill("admin");
  await expect(page.getByTestId("slug-status")).toHaveText("Questo indirizzo è riservato: scegline un altro.");
  await slugInput.fill(slug);
  await expect(page.getByTestId("slug-status")).toContainText(`Disponibile: ${slug}.localhost:${PORT}`);
  await page.getByLabel("Nome e cognome dell'amministratore").fill("Gianni Fogliato");
  await page.getByLabel("Email di lavoro").fill(email);
  await page.getByLabel("Password").fill("una-password-sicura");
  await page.getByLabel(/Accetto le condizioni/).check();
  await page.getByRole("button", { name: "Attiva il comune" }).click();
  await expect(page.getByRole("status")).toContainText(email);

  // 2. The confirmation email, from the dev mailbox.
  const mails = await (await request.get(url(null, `/api/dev/mailbox?to=${encodeURIComponent(email)}`))).json();
  expect(mails[0].subject).toContain("Comune di Bra");
  const link = String(mails[0].text).match(/https?:\/\/\S+\/attiva\/conferma\?token=[\w-]+/)![0];
  await page.goto(link);
  await page.getByRole("button", { name: "Crea il comune" }).click();

  // 3. Signed in on the new subdomain through the one-time link, then the wizard.
  await expect(page).toHaveURL(new RegExp(`^http://${slug}\\.localhost:${PORT}/accedi/link`));
  await page.getByRole("button", { name: "Accedi" }).click();
  await expect(page).toHaveURL(url(slug, "/ufficio/benvenuto"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Benvenuto in Piazza");
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Colore del comune").fill("#7a1f1f");
  await expect(page.getByText(/Contrasto con il testo bianco: [\d.]+:1 \(adeguato\)/)).toBeVisible();
  const emblem = await sharp({ create: { width: 96, height: 96, channels: 3, background: "#7a1f1f" } }).png().toBuffer();
  await page.getByLabel("Stemma", { exact: true }).setInputFiles({ name: "stemma-bra.png", mimeType: "image/png", buffer: emblem });
  await page.getByRole("button", { name: "Salva", exact: true }).click();
  await expect(page.getByText("Salvato.")).toBeVisible();
  await expect(page.getByRole("img", { name: "Stemma attuale" })).toBeVisible();
  await page.getByRole("button", { name: "Continua" }).click();
  await expect(page.locator("#step-title")).toContainText("Uffici e categorie");
  await page.getByRole("button", { name: "Continua" }).click();
  // A colleague invited from the wizard (the invitation email goes through the outbox).
  await expect(page.locator("#step-title")).toContainText("Colleghi");
  const invite = page.locator("section[aria-labelledby=invite]");
  await invite.getByLabel("Email").fill(`urp.${suffix}@comune.bra.example.it`);
  await invite.getByLabel("Ruolo").selectOption("supervisor");
  await invite.getByRole("button", { name: "Invia l'invito" }).click();
  await expect(invite.getByText("Invito inviato.")).toBeVisible();
  await page.getByRole("button", { name: "Continua" }).click();
  // The area: the provisional circle is replaced by a boundary around Bra, with the centre on the town.
  await expect(page.getByText(/L'area attuale è provvisoria/)).toBeVisible();
  await expect(page.getByTestId("map")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const [lat, lng] = [44.698, 7.855];
  const ring = [[lng - 0.06, lat - 0.05], [lng + 0.06, lat - 0.05], [lng + 0.06, lat + 0.05], [lng - 0.06, lat + 0.05], [lng - 0.06, lat - 0.05]];
  await page.getByLabel("Confine in GeoJSON").fill(JSON.stringify({ type: "Polygon", coordinates: [ring] }));
  await page.getByRole("button", { name: "Salva l'area" }).click();
  await expect(page.getByText(/Area salvata/)).toBeVisible();
  await page.getByRole("button", { name: "Continua" }).click();
  await expect(page.getByText("4 passi su 4 completati")).toBeVisible();
  await page.getByRole("button", { name: "Chiudi la configurazione" }).click();
  await expect(page).toHaveURL(url(slug, "/ufficio"));

  // 4. The public site is live at once, with its map.
  await page.goto(url(slug));
  await expect(page.getByRole("banner")).toContainText("Comune di Bra");
  await expect(page.locator("canvas").first()).toBeVisible();

  // 5. Subscription through the stand-in Checkout; the webhook makes the comune active.
  await page.goto(url(slug, "/ufficio/abbonamento"));
  await expect(page.getByTestId("billing-status")).toHaveText("In prova");
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Codice fiscale").fill("00440020048");
  await page.getByLabel("Codice univoco ufficio (IPA)").fill("UFBRA1");
  await page.getByLabel("PEC").fill("comunebra@postecert.it");
  await page.getByLabel("Indirizzo di fatturazione").fill("Piazza Caduti per la Libertà 14, 12042 Bra (CN)");
  await page.getByRole("button", { name: "Salva i dati di fatturazione" }).click();
  await expect(page.getByText("Dati di fatturazione salvati.")).toBeVisible();
  await page.reload();
  await page.getByRole("button", { name: "Abbonati" }).click();
  await expect(page.getByRole("heading", { name: /Pagamento dell'abbonamento/ })).toBeVisible();
  await page.getByRole("button", { name: "Paga" }).click();
  await expect(page).toHaveURL(url(slug, "/ufficio/abbonamento?esito=ok"));
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("billing-status")).toHaveText("Attivo", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("invoice-row")).toHaveCount(1);

  // 6. Vendor staff: console sign-in with the mandatory second factor, the comune in the list, suspension.
  await page.goto(url("admin", "/accedi"));
  await page.getByLabel("Email").fill("owner@piazza.demo");
  await page.getByLabel("Password").fill("piazza-demo-2026");
  await page.getByLabel(/Codice dell'app/).fill(totpCode(DEMO_TOTP_SECRET));
  await page.getByRole("button", { name: "Accedi" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Panoramica");
  await page.goto(url("admin", `/comuni?q=${slug}`));
  await expectNoSeriousA11yViolations(page);
  const row = page.getByTestId("tenant-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Attivo");
  await row.getByRole("link", { name: "Bra" }).click();
  const suspend = page.getByTestId("action-suspend");
  await suspend.getByLabel(/Motivo/).fill("Verifica richiesta dal comune");
  await suspend.getByRole("button", { name: "Sospendi" }).click();
  await expect(page.getByText("Comune sospeso.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("tenant-status")).toHaveText("Sospeso");
  await expect(page.getByTestId("tenant-audit")).toContainText("vendor.tenant_suspended");

  // 7. The public site now shows the notice.
  await page.goto(url(slug));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Servizio sospeso");
  await expect(page.getByRole("status")).toContainText("Il servizio di segnalazioni del Comune di Bra è temporaneamente sospeso");
});
