/**
 * The ready Italian configuration a new comune starts with: offices, a two-level category tree routed to
 * them with SLA defaults (working days), and response templates. Everything is editable afterwards in
 * /ufficio/impostazioni. Passed to completeOnboarding as a parameter so tests can inject a broken one.
 */
export type DefaultOffice = { key: string; name: string };
export type DefaultCategory = {
  code: string;
  name: string;
  nameEn: string;
  children: { code: string; name: string; nameEn: string; office: string; slaDays: number; notice?: string; noticeBlocks?: boolean; private?: boolean }[];
};
export type DefaultTemplate = { title: string; body: string; status: string | null };
export type DefaultConfig = { offices: DefaultOffice[]; categories: DefaultCategory[]; templates: DefaultTemplate[] };

const EMERGENCY = "Per emergenze e pericoli immediati chiama il 112: le segnalazioni non sono un servizio di pronto intervento.";

export const DEFAULT_CONFIG: DefaultConfig = {
  offices: [
    { key: "urp", name: "URP - Ufficio Relazioni con il Pubblico" },
    { key: "manutenzioni", name: "Manutenzioni" },
    { key: "ambiente", name: "Ambiente e Verde pubblico" },
    { key: "polizia", name: "Polizia Locale" },
    { key: "sociale", name: "Servizi sociali" },
  ],
  categories: [
    {
      code: "strade",
      name: "Strade e marciapiedi",
      nameEn: "Roads and pavements",
      children: [
        { code: "buca", name: "Buca", nameEn: "Pothole", office: "manutenzioni", slaDays: 10 },
        { code: "marciapiede", name: "Marciapiede danneggiato", nameEn: "Damaged pavement", office: "manutenzioni", slaDays: 15 },
        { code: "segnaletica", name: "Segnaletica", nameEn: "Road signs", office: "manutenzioni", slaDays: 10 },
        { code: "barriere", name: "Barriere architettoniche", nameEn: "Accessibility barriers", office: "manutenzioni", slaDays: 20 },
      ],
    },
    {
      code: "illuminazione",
      name: "Illuminazione pubblica",
      nameEn: "Street lighting",
      children: [
        { code: "lampione", name: "Lampione spento", nameEn: "Street light out", office: "manutenzioni", slaDays: 7 },
        { code: "palo", name: "Palo danneggiato", nameEn: "Damaged pole", office: "manutenzioni", slaDays: 5, notice: EMERGENCY },
      ],
    },
    {
      code: "rifiuti",
      name: "Rifiuti e pulizia",
      nameEn: "Waste and cleaning",
      children: [
        { code: "abbandono", name: "Rifiuti abbandonati", nameEn: "Fly-tipping", office: "ambiente", slaDays: 5 },
        { code: "cassonetto", name: "Cassonetto pieno o danneggiato", nameEn: "Full or damaged bin", office: "ambiente", slaDays: 3 },
        { code: "pulizia", name: "Pulizia strade", nameEn: "Street cleaning", office: "ambiente", slaDays: 7 },
      ],
    },
    {
      code: "verde",
      name: "Verde pubblico",
      nameEn: "Parks and trees",
      children: [
        { code: "alberi", name: "Alberi e potature", nameEn: "Trees and pruning", office: "ambiente", slaDays: 15 },
        { code: "giochi", name: "Giochi e arredo urbano", nameEn: "Playgrounds and street furniture", office: "manutenzioni", slaDays: 10 },
        { code: "sfalcio", name: "Erba alta e sfalcio", nameEn: "Grass cutting", office: "ambiente", slaDays: 15 },
      ],
    },
    {
      code: "sicurezza",
      name: "Sicurezza e decoro",
      nameEn: "Safety and public order",
      children: [
        { code: "sosta", name: "Sosta irregolare", nameEn: "Illegal parking", office: "polizia", slaDays: 3, notice: EMERGENCY },
        { code: "veicoli", name: "Veicoli abbandonati", nameEn: "Abandoned vehicles", office: "polizia", slaDays: 20 },
        { code: "graffiti", name: "Graffiti e atti vandalici", nameEn: "Graffiti and vandalism", office: "manutenzioni", slaDays: 20 },
      ],
    },
    {
      code: "altro",
      name: "Altro",
      nameEn: "Other",
      children: [
        { code: "animali", name: "Animali", nameEn: "Animals", office: "ambiente", slaDays: 10 },
        { code: "sociale", name: "Situazioni di fragilità", nameEn: "People in need", office: "sociale", slaDays: 5, private: true },
        { code: "varie", name: "Altre segnalazioni", nameEn: "Other reports", office: "urp", slaDays: 10 },
      ],
    },
  ],
  templates: [
    { title: "Presa in carico", body: "Gentile cittadino, la sua segnalazione è stata presa in carico dall'ufficio competente. La terremo aggiornata sull'esito.", status: "acknowledged" },
    { title: "Intervento programmato", body: "L'intervento è stato programmato. La ringraziamo per la collaborazione.", status: "in_progress" },
    { title: "Risolta", body: "L'intervento è stato eseguito. Se il problema persiste può indicarlo rispondendo da questa pagina.", status: "resolved" },
    { title: "Non di competenza", body: "La segnalazione riguarda un ente diverso dal Comune ed è stata inoltrata all'ente competente.", status: "not_competent" },
    { title: "Duplicata", body: "Questa segnalazione è già stata ricevuta: segua quella collegata per gli aggiornamenti.", status: "duplicate" },
  ],
};
