import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { expectNoSeriousA11yViolations, FOSSANO, fileReport, mailTo, staffSession, TRIESTE } from "./support/helpers";

/**
 * The back office journey on fossano, through the real UI: a citizen's report reaches Manutenzioni's queue,
 * is taken in charge, answered from a template, noted internally, handed to the road contractor, completed
 * by them and resolved; the public page, the citizen's emails and the public APIs show the public steps
 * and never the internal note. Then triage across offices and a session replayed on another comune.
 */

/** A spot inside Fossano's boundary, south of the centre. */
const SPOT = { lat: 44.5351, lng: 7.7049 };
const CONTRACTOR = "Edilstrade Granda S.r.l.";
const TEMPLATE = "Intervento programmato";
const TEMPLATE_BODY = "L'intervento è stato programmato. La ringraziamo per la collaborazione.";

/** Opens a panel of the handling page (a <details>) and returns it. */
async function panel(page: Page, testId: string) {
  const p = page.getByTestId(testId);
  if ((await p.getAttribute("open")) === null) await p.locator("summary").click();
  return p;
}

/** A phone-sized photo (3000×2000 JPEG of noise, several MB): what an operator takes in the field. */
async function phonePhoto(): Promise<Buffer> {
  const [width, height] = [3000, 2000];
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();
}

async function inboxRow(page: Page, code: string) {
  return page.getByTestId("inbox-row").filter({ hasText: code });
}

test.describe.serial("back office on fossano", () => {
  test("a citizen's report is handled from the inbox to the resolution, and only the public steps go public", async ({ page, browser }) => {
    test.setTimeout(150_000);
    const stamp = Date.now();
    const citizen = `e2e-ufficio-${stamp}@example.com`;
    const note = `Nota riservata ${stamp}: il privato al civico 12 ha già fatto causa al Comune`;
    const instructions = `Ordine di servizio ${stamp}: transennare prima di intervenire`;
    const progress = `Sopralluogo ${stamp} eseguito, materiale ordinato`;
    const resolution = `Marciapiede ripristinato il ${stamp}. Grazie della segnalazione.`;

    const code = await fileReport(page, {
      search: "marciapiede",
      category: "Marciapiede dissestato",
      ...SPOT,
      title: "Piastrelle sollevate davanti alla scuola",
      description: "Le piastrelle del marciapiede sono sollevate da settimane, i bambini inciampano all'uscita.",
      email: citizen,
      name: "Anna Ferrero",
    });

    // The Manutenzioni operator finds it at the top of their office's queue.
    const operator = await staffSession(browser, "manutenzioni@fossano.demo");
    const op = operator.page;
    await expect(op.getByTestId("tab-mine")).toHaveAttribute("aria-current", "page");
    const row = await inboxRow(op, code);
    await expect(row).toContainText("Piastrelle sollevate davanti alla scuola");
    await expect(row).toContainText("Manutenzioni e Lavori Pubblici");
    await expectNoSeriousA11yViolations(op);
    await row.getByRole("link", { name: code }).click();
    await expect(op).toHaveURL(`${FOSSANO}/ufficio/segnalazioni/${code}`);
    await expect(op.getByTestId("report-office")).toHaveText("Manutenzioni e Lavori Pubblici");
    await expect(op.getByTestId("report-status")).toHaveText("Ricevuta");
    await expectNoSeriousA11yViolations(op);

    // Takes it in charge.
    const ack = await panel(op, "action-acknowledge");
    await ack.getByRole("button", { name: "Prendi in carico" }).click();
    await expect(op.getByTestId("report-status")).toHaveText("Presa in carico");

    // Replies publicly from a template, signed with name and title. Choosing the template over a draft of
    // their own asks first; keeping the draft leaves it untouched, replacing puts the template's text in
    // the box, announced, where it is edited before publishing.
    const reply = await panel(op, "action-reply");
    const replyBox = reply.getByLabel("Testo della risposta");
    const draft = `Bozza ${stamp}`;
    await replyBox.fill(draft);
    await reply.getByLabel("Testo predefinito").selectOption({ label: TEMPLATE });
    const confirmReplace = reply.getByTestId("reply-template-confirm");
    await expect(confirmReplace).toContainText(`«${TEMPLATE}»`);
    await confirmReplace.getByRole("button", { name: "Mantieni il mio testo" }).click();
    await expect(replyBox).toHaveValue(draft);
    await expect(reply.getByLabel("Testo predefinito")).toHaveValue("");
    await expect(confirmReplace).toHaveCount(0);
    await reply.getByLabel("Testo predefinito").selectOption({ label: TEMPLATE });
    await confirmReplace.getByRole("button", { name: "Sostituisci il mio testo" }).click();
    await expect(replyBox).toHaveValue(TEMPLATE_BODY);
    await expect(reply.getByTestId("reply-template-status")).toContainText(`Testo predefinito «${TEMPLATE}» inserito`);
    await expectNoSeriousA11yViolations(op);
    const edited = `${TEMPLATE_BODY} Squadra prevista entro venerdì (${stamp}).`;
    await replyBox.fill(edited);
    await reply.getByRole("button", { name: "Pubblica la risposta" }).click();
    await expect(reply.getByRole("status")).toBeVisible();
    const staffTimeline = op.getByTestId("timeline");
    await expect(staffTimeline.getByTestId("timeline-entry").filter({ hasText: edited })).toHaveAttribute("data-visibility", "public");
    await expect(replyBox).toHaveValue("");

    // Adds an internal note.
    const noteForm = await panel(op, "action-note");
    await noteForm.getByLabel("Testo della nota").fill(note);
    await noteForm.getByRole("button", { name: "Aggiungi la nota" }).click();
    await expect(staffTimeline.getByTestId("timeline-entry").filter({ hasText: note })).toHaveAttribute("data-visibility", "internal");

    // Hands it to the road contractor.
    await panel(op, "action-assign");
    const assign = op.getByTestId("assign-organisation");
    await assign.getByLabel("Ditta o ente esterno").selectOption({ label: CONTRACTOR });
    await assign.getByLabel("Istruzioni per la ditta (facoltative)").fill(instructions);
    await assign.getByRole("button", { name: "Assegna" }).click();
    await expect(op.getByTestId("report-organisation")).toHaveText(CONTRACTOR);

    // The contractor sees only its organisation's reports, posts progress and completes the job.
    const contractor = await staffSession(browser, "ditta@fossano.demo");
    const ct = contractor.page;
    await expect(ct.getByTestId("tab-all")).toHaveCount(0);
    await expect(ct.getByTestId("tab-unassigned")).toHaveCount(0);
    await expect(await inboxRow(ct, code)).toBeVisible();
    const rows = ct.getByTestId("inbox-row");
    const shown = await rows.count();
    expect(shown).toBeGreaterThan(0);
    for (let i = 0; i < shown; i++) await expect(rows.nth(i)).toContainText(CONTRACTOR);
    await (await inboxRow(ct, code)).getByRole("link", { name: code }).click();
    await expect(ct).toHaveURL(`${FOSSANO}/ufficio/segnalazioni/${code}`);
    await expect(ct.getByTestId("timeline")).toContainText(instructions);
    const external = ct.getByTestId("action-external");
    await external.getByLabel("Cosa è stato fatto").fill(progress);
    await external.getByRole("button", { name: "Invia l'aggiornamento" }).click();
    await expect(ct.getByTestId("timeline")).toContainText(progress);
    await expect(ct.getByTestId("report-status")).toHaveText("In lavorazione");
    await external.getByLabel("Cosa è stato fatto").fill("Lavoro terminato, area sgomberata");
    await external.getByRole("checkbox", { name: "Lavoro completato" }).check();
    await external.getByRole("button", { name: "Invia l'aggiornamento" }).click();
    await expect(ct.getByTestId("timeline")).toContainText("Lavoro terminato, area sgomberata");
    await contractor.context.close();

    // The operator resolves it with a photo of the work taken on the phone. The resolve panel offers the
    // saved replies for "Risolta" and the general ones, never those for other outcomes.
    await op.reload();
    await expect(op.getByTestId("timeline")).toContainText("Lavoro terminato, area sgomberata");
    const resolve = await panel(op, "action-resolve");
    const offered = await resolve.getByLabel("Testo predefinito").locator("option").allInnerTexts();
    expect(offered).toContain("Risolta");
    expect(offered).not.toContain("Non di competenza");
    await resolve.getByLabel("Messaggio al cittadino (facoltativo)").fill(resolution);
    const photo = await phonePhoto();
    expect(photo.length).toBeGreaterThan(3 * 1024 * 1024);
    const photoInput = resolve.getByLabel("Foto del lavoro (puoi scattarla ora)");
    await photoInput.setInputFiles({ name: "IMG_2041.jpg", mimeType: "image/jpeg", buffer: photo });
    // Downscaled in the browser to a ~2000 px JPEG, still well over the 1 MB Next.js allows by default.
    await expect(photoInput).toHaveAttribute("data-photos-state", "ready");
    const sent = await photoInput.evaluate((input: HTMLInputElement) => ({ size: input.files![0]!.size, type: input.files![0]!.type }));
    expect(sent.type).toBe("image/jpeg");
    expect(sent.size).toBeGreaterThan(1024 * 1024);
    expect(sent.size).toBeLessThan(photo.length);
    const photosBefore = await op.getByRole("img", { name: new RegExp(`^Foto \\d+ della segnalazione ${code}$`) }).count();
    await resolve.getByRole("button", { name: "Risolvi" }).click();
    await expect(op.getByTestId("report-status")).toHaveText("Risolta");
    const photos = op.getByRole("img", { name: new RegExp(`^Foto \\d+ della segnalazione ${code}$`) });
    await expect(photos).toHaveCount(photosBefore + 1);
    await expect.poll(() => photos.last().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    // At 375 px the handling page does not scroll sideways.
    await op.setViewportSize({ width: 375, height: 800 });
    await op.reload();
    await expect(op.getByTestId("report-code")).toHaveText(code);
    const overflow = await op.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await operator.context.close();

    // The citizen's public page shows each public step, signed, and nothing internal.
    await page.goto(`${FOSSANO}/segnalazioni/${code}`);
    const timeline = page.getByTestId("timeline");
    await expect(timeline).toContainText("Stato cambiato in «Presa in carico»");
    const publicReply = timeline.getByRole("listitem").filter({ hasText: TEMPLATE_BODY });
    await expect(publicReply).toContainText("Risposta — Marco Dalmasso — Tecnico Ufficio Manutenzioni");
    await expect(timeline).toContainText("Stato cambiato in «Risolta»");
    await expect(timeline).toContainText(resolution);
    const publicText = await page.locator("body").innerText();
    for (const secret of [note, instructions, progress, CONTRACTOR]) expect(publicText).not.toContain(secret);
    expect(await page.content()).not.toContain(`${stamp}: il privato`);

    // The citizen's emails: receipt, taken in charge, the reply, the closing with the rating link; no note.
    const subjects = async () => (await mailTo(page.request, citizen)).map((m) => m.subject);
    await expect.poll(subjects, { timeout: 30_000 }).toEqual(
      expect.arrayContaining([
        `Segnalazione ${code} ricevuta`,
        `Segnalazione ${code} presa in carico`,
        `Nuova risposta alla segnalazione ${code}`,
        expect.stringMatching(new RegExp(`^Segnalazione ${code}: `)),
      ]),
    );
    const mails = await mailTo(page.request, citizen);
    expect(mails.find((m) => m.subject === `Nuova risposta alla segnalazione ${code}`)!.text).toContain(TEMPLATE_BODY);
    const closing = mails.find((m) => m.subject.startsWith(`Segnalazione ${code}: `))!;
    expect(closing.text).toContain(`/segnalazioni/${code}/valuta`);
    for (const m of mails) {
      expect(m.text + m.html).not.toContain(note);
      expect(m.text + m.html).not.toContain(instructions);
    }

    // The public APIs carry the public steps only.
    const apis = await page.evaluate(async (c) => {
      const geo = await fetch(`/api/reports/geojson?zoom=16&bbox=7.5,44.4,8.0,44.7`);
      const updates = await fetch(`/api/v1/reports/${c}/updates`);
      const open311 = await fetch(`/open311/v2/requests/${c}.json`);
      return { geo: await geo.text(), updatesStatus: updates.status, updates: await updates.text(), open311Status: open311.status, open311: await open311.text() };
    }, code);
    expect(apis.updatesStatus).toBe(200);
    expect(apis.updates).toContain(TEMPLATE_BODY);
    expect(apis.updates).toContain(resolution);
    expect(apis.geo).toContain(code);
    expect(apis.open311Status).toBe(200);
    expect(apis.open311).toContain(`"status":"closed"`);
    for (const secret of [note, instructions, progress, CONTRACTOR]) {
      expect(apis.updates).not.toContain(secret);
      expect(apis.geo).not.toContain(secret);
      expect(apis.open311).not.toContain(secret);
    }
  });

  test("a supervisor moves a report filed under the wrong category to the competent office's queue", async ({ browser }) => {
    test.setTimeout(90_000);
    // The newest open report in Ambiente's queue.
    const ambiente = await staffSession(browser, "ambiente@fossano.demo");
    const first = ambiente.page.getByTestId("inbox-row").first();
    const code = (await first.getByRole("link").first().innerText()).trim();
    expect(code).toMatch(/^FOS-\d{4}-\d{6}$/);

    const supervisor = await staffSession(browser, "urp@fossano.demo");
    const sv = supervisor.page;
    await sv.goto(`${FOSSANO}/ufficio/segnalazioni/${code}`);
    await expect(sv.getByTestId("report-office")).toHaveText("Ambiente e Igiene Urbana");
    const triage = await panel(sv, "action-triage");
    await triage.getByLabel("Cambia categoria (sposta all'ufficio competente)").selectOption({ label: "Marciapiede dissestato" });
    await triage.getByRole("button", { name: "Cambia categoria" }).click();
    await expect(sv.getByTestId("report-category")).toHaveText("Marciapiede dissestato");
    await expect(sv.getByTestId("report-office")).toHaveText("Manutenzioni e Lavori Pubblici");
    // …and hands it to a person of that office, who is emailed a link to it.
    await panel(sv, "action-assign");
    const assignUser = sv.getByTestId("assign-user");
    await assignUser.getByLabel("Persona").selectOption({ label: "Marco Dalmasso" });
    await assignUser.getByRole("button", { name: "Assegna" }).click();
    await expect(assignUser.getByRole("status")).toBeVisible();
    await expect
      .poll(async () => (await mailTo(sv.request, "manutenzioni@fossano.demo")).map((m) => m.subject), { timeout: 30_000 })
      .toContain(`[${code}] Segnalazione assegnata a te`);
    const [assigned] = (await mailTo(sv.request, "manutenzioni@fossano.demo")).filter((m) => m.subject === `[${code}] Segnalazione assegnata a te`);
    expect(assigned!.text).toContain(`/ufficio/segnalazioni/${code}`);
    await supervisor.context.close();

    // It left Ambiente's queue…
    await ambiente.page.goto(`${FOSSANO}/ufficio?tab=mine&q=${code}`);
    await expect(ambiente.page.getByTestId("inbox-total")).toHaveText("Nessuna segnalazione");
    await ambiente.context.close();
    // …and is in Manutenzioni's.
    const manutenzioni = await staffSession(browser, "manutenzioni@fossano.demo");
    await manutenzioni.page.goto(`${FOSSANO}/ufficio?tab=mine&q=${code}`);
    await expect(await inboxRow(manutenzioni.page, code)).toContainText("Marciapiede dissestato");
    await manutenzioni.context.close();
  });

  test("an operator records a phone call: places the pin on the map, answers the category's question, sees it all on the report", async ({ browser }) => {
    test.setTimeout(90_000);
    const stamp = Date.now();
    const { context, page: op } = await staffSession(browser, "manutenzioni@fossano.demo");
    await op.goto(`${FOSSANO}/ufficio/nuova`);
    const form = op.getByTestId("new-report-form");
    await form.getByLabel("Canale di arrivo").selectOption({ label: "Telefono" });
    await form.getByLabel("Categoria", { exact: true }).selectOption({ label: "Buca" });
    await form.getByLabel("Dimensione indicativa (facoltativa)").selectOption("Media");
    const description = `Telefonata ${stamp}: buca profonda all'incrocio, le auto la scansano invadendo l'altra corsia.`;
    await form.getByLabel("Descrizione", { exact: true }).fill(description);
    await form.getByLabel("Telefono", { exact: true }).fill("0172 123456");
    await form.getByRole("checkbox", { name: /Richiamare al telefono/ }).check();

    // The pin waits at the comune's centre, clearly not placed: sending now asks for the place and keeps the text.
    const picker = form.getByTestId("pin-picker");
    await expect(picker).toHaveAttribute("data-placed", "false");
    await expect(picker.getByRole("status").first()).toContainText("Posizione non ancora indicata");
    await expect(picker.getByRole("region", { name: "Mappa per scegliere la posizione del problema" })).toBeVisible();
    await expectNoSeriousA11yViolations(op);
    await form.getByRole("button", { name: "Registra la segnalazione" }).click();
    await expect(form.getByText("Indica il luogo: sposta il segnaposto, scrivi le coordinate o almeno l'indirizzo.")).toBeVisible();
    await expect(form.getByLabel("Descrizione", { exact: true })).toHaveValue(description);

    // Tapping the map places the pin there; the coordinates fields follow.
    const map = picker.getByRole("region", { name: "Mappa per scegliere la posizione del problema" });
    await expect.poll(async () => {
      await map.click({ position: { x: 60, y: 60 } });
      return picker.getAttribute("data-placed");
    }, { timeout: 20_000 }).toBe("true");
    const lat = Number(await picker.getByLabel("Latitudine").inputValue());
    expect(lat).toBeGreaterThan(44.4);
    // Keyboard users type the coordinates instead.
    await picker.getByLabel("Latitudine").fill(String(SPOT.lat));
    await picker.getByLabel("Longitudine").fill(String(SPOT.lng));
    await expect(picker.getByRole("status").first()).toContainText(`Segnaposto in ${SPOT.lat}, ${SPOT.lng}.`);
    await form.getByRole("button", { name: "Registra la segnalazione" }).click();

    await expect(op).toHaveURL(new RegExp(`/ufficio/segnalazioni/FOS-\\d{4}-\\d{6}$`));
    await expect(op.getByTestId("report-description")).toHaveText(description);
    await expect(op.getByTestId("report-answers")).toContainText("Dimensione indicativa");
    await expect(op.getByTestId("report-answers")).toContainText("Media");
    await expect(op.getByRole("region", { name: /^Mappa con la posizione della segnalazione FOS-/ })).toBeVisible();
    await expectNoSeriousA11yViolations(op);
    await context.close();
  });

  test("a session cookie minted on fossano is worth nothing on trieste", async ({ browser }) => {
    const { context, page } = await staffSession(browser, "admin@fossano.demo");
    const cookies = await context.cookies(FOSSANO);
    const session = cookies.filter((c) => /session/i.test(c.name));
    expect(session.length).toBeGreaterThan(0);
    await context.addCookies(session.map((c) => ({ name: c.name, value: c.value, domain: "trieste.localhost", path: "/", httpOnly: c.httpOnly, secure: false, sameSite: c.sameSite })));
    await page.goto(`${TRIESTE}/ufficio`);
    await expect(page).toHaveURL(new RegExp(`^${TRIESTE.replace(/[.]/g, "\\.")}/accedi`));
    await expect(page.getByRole("heading", { level: 1, name: "Accedi" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Personale del Comune" })).toBeVisible();
    // Still signed in on fossano: the cookie itself was fine, trieste refused it.
    await page.goto(`${FOSSANO}/ufficio`);
    await expect(page.getByRole("heading", { level: 1, name: "Segnalazioni" })).toBeVisible();
    await context.close();
  });
});
