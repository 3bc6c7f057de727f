import type { ExtraQuestion, OrganisationKind, ReportPriority } from "../../schema";

export type OfficeKey =
  | "manutenzioni"
  | "ambiente"
  | "polizia"
  | "verde"
  | "mobilita"
  | "urp"
  | "sociali"
  | "patrimonio"
  | "decoro";

export type OrganisationKey = "waste" | "water" | "roads" | "police" | "vet";

/** `mailbox` becomes `${mailbox}@comune.${slug}.demo`; `signature` signs public replies. */
export const OFFICES: Record<OfficeKey, { name: string; mailbox: string; signature: string }> = {
  manutenzioni: {
    name: "Manutenzioni e Lavori Pubblici",
    mailbox: "manutenzioni",
    signature: "Ufficio Manutenzioni",
  },
  ambiente: { name: "Ambiente e Igiene Urbana", mailbox: "ambiente", signature: "Ufficio Ambiente" },
  polizia: { name: "Polizia Locale", mailbox: "polizialocale", signature: "Polizia Locale" },
  verde: { name: "Verde Pubblico", mailbox: "verde", signature: "Ufficio Verde Pubblico" },
  mobilita: { name: "Mobilità e Viabilità", mailbox: "mobilita", signature: "Ufficio Mobilità" },
  urp: {
    name: "URP – Relazioni con il Pubblico",
    mailbox: "urp",
    signature: "Ufficio Relazioni con il Pubblico",
  },
  sociali: { name: "Servizi Sociali", mailbox: "servizisociali", signature: "Servizi Sociali" },
  patrimonio: { name: "Patrimonio", mailbox: "patrimonio", signature: "Servizio Patrimonio" },
  decoro: { name: "Decoro Urbano", mailbox: "decoro", signature: "Servizio Decoro Urbano" },
};

export const BASE_OFFICES: OfficeKey[] = [
  "manutenzioni",
  "ambiente",
  "polizia",
  "verde",
  "mobilita",
  "urp",
  "sociali",
];

type DemoOrganisation = { name: string; kind: OrganisationKind; email?: string };

/** External bodies per comune; the contractors are invented, the utilities and public bodies are the real ones. */
export const ORGANISATIONS: Record<string, Record<OrganisationKey, DemoOrganisation>> = {
  fossano: {
    waste: { name: "ACSR S.p.A.", kind: "utility" },
    water: { name: "Alpi Acque S.p.A.", kind: "utility" },
    roads: { name: "Edilstrade Granda S.r.l.", kind: "contractor", email: "cantieri@edilstrade-granda.demo" },
    police: { name: "Stazione Carabinieri di Fossano", kind: "police" },
    vet: { name: "ASL CN1 – Servizio Veterinario", kind: "public_body" },
  },
  scandicci: {
    waste: { name: "Alia Servizi Ambientali S.p.A.", kind: "utility" },
    water: { name: "Publiacqua S.p.A.", kind: "utility" },
    roads: {
      name: "Asfalti Valdipesa S.r.l.",
      kind: "contractor",
      email: "interventi@asfalti-valdipesa.demo",
    },
    police: { name: "Stazione Carabinieri di Scandicci", kind: "police" },
    vet: { name: "Azienda USL Toscana Centro – Servizio Veterinario", kind: "public_body" },
  },
  trieste: {
    waste: { name: "AcegasApsAmga – Igiene ambientale", kind: "utility" },
    water: { name: "AcegasApsAmga – Servizio idrico", kind: "utility" },
    roads: { name: "Carso Strade e Impianti S.r.l.", kind: "contractor", email: "pronto@carsostrade.demo" },
    police: { name: "Comando Provinciale Carabinieri di Trieste", kind: "police" },
    vet: { name: "ASUGI – Servizio Veterinario", kind: "public_body" },
  },
};

export type LeafCategory = {
  key: string;
  name: string;
  nameEn: string;
  description: string;
  office: OfficeKey;
  organisation?: OrganisationKey;
  slaDays: number;
  /** Relative share of the demo reports; 0 for categories citizens cannot submit. */
  weight: number;
  priority?: ReportPriority;
  notice?: string;
  noticeBlocks?: boolean;
  visibility?: "internal";
  privateByDefault?: boolean;
  commentsEnabled?: boolean;
  extraQuestions?: ExtraQuestion[];
};

export type ParentCategory = { key: string; name: string; nameEn: string; children: LeafCategory[] };

const EMERGENCY_NOTICE =
  "Per emergenze chiama il 112 (o i Vigili del Fuoco al 115): questa piattaforma non è un servizio di pronto intervento.";

export const CATEGORY_TREE: ParentCategory[] = [
  {
    key: "strade",
    name: "Strade e marciapiedi",
    nameEn: "Roads and pavements",
    children: [
      {
        key: "buca",
        name: "Buca",
        nameEn: "Pothole",
        description: "Buche e avvallamenti della carreggiata",
        office: "manutenzioni",
        organisation: "roads",
        slaDays: 10,
        weight: 14,
        extraQuestions: [
          {
            code: "dimensione",
            label: "Dimensione indicativa",
            type: "select",
            required: false,
            options: ["Piccola (meno di 30 cm)", "Media", "Grande (oltre 1 m)"],
          },
        ],
      },
      {
        key: "marciapiede",
        name: "Marciapiede dissestato",
        nameEn: "Damaged pavement",
        description: "Piastrelle sollevate, cordoli rotti, radici affioranti",
        office: "manutenzioni",
        slaDays: 20,
        weight: 6,
      },
      {
        key: "tombino",
        name: "Tombino o caditoia",
        nameEn: "Drain or manhole",
        description: "Griglie rotte, tombini rumorosi o intasati",
        office: "manutenzioni",
        organisation: "water",
        slaDays: 7,
        weight: 4,
      },
    ],
  },
  {
    key: "illuminazione",
    name: "Illuminazione pubblica",
    nameEn: "Street lighting",
    children: [
      {
        key: "lampione_spento",
        name: "Lampione spento",
        nameEn: "Street light out",
        description: "Uno o più punti luce spenti o intermittenti",
        office: "manutenzioni",
        organisation: "roads",
        slaDays: 7,
        weight: 10,
        extraQuestions: [
          { code: "numero_palo", label: "Numero del palo (se visibile)", type: "text", required: false },
        ],
      },
      {
        key: "lampione_danneggiato",
        name: "Lampione danneggiato",
        nameEn: "Damaged street light",
        description: "Pali inclinati, cavi scoperti, armature rotte",
        office: "manutenzioni",
        organisation: "roads",
        slaDays: 10,
        weight: 2,
        priority: "high",
      },
    ],
  },
  {
    key: "rifiuti",
    name: "Rifiuti e pulizia",
    nameEn: "Waste and street cleaning",
    children: [
      {
        key: "abbandono",
        name: "Abbandono rifiuti",
        nameEn: "Fly-tipping",
        description: "Sacchi, ingombranti o materiali abbandonati",
        office: "ambiente",
        organisation: "waste",
        slaDays: 5,
        weight: 12,
      },
      {
        key: "cassonetto",
        name: "Cassonetto pieno o danneggiato",
        nameEn: "Full or damaged bin",
        description: "Contenitori stracolmi, rotti o spostati",
        office: "ambiente",
        organisation: "waste",
        slaDays: 5,
        weight: 7,
      },
      {
        key: "spazzamento",
        name: "Spazzamento strade",
        nameEn: "Street sweeping",
        description: "Foglie, sporcizia o vetri sulla strada",
        office: "ambiente",
        organisation: "waste",
        slaDays: 7,
        weight: 4,
      },
    ],
  },
  {
    key: "verde",
    name: "Verde pubblico",
    nameEn: "Parks and green spaces",
    children: [
      {
        key: "alberi",
        name: "Potatura o alberi pericolanti",
        nameEn: "Tree pruning or dangerous trees",
        description: "Rami spezzati o pendenti, alberi inclinati",
        office: "verde",
        slaDays: 10,
        weight: 4,
        priority: "high",
      },
      {
        key: "sfalcio",
        name: "Sfalcio erba",
        nameEn: "Grass cutting",
        description: "Erba alta in aiuole, parchi e banchine",
        office: "verde",
        slaDays: 20,
        weight: 5,
      },
      {
        key: "giochi",
        name: "Giochi nei parchi danneggiati",
        nameEn: "Damaged playground equipment",
        description: "Altalene, scivoli e pavimentazioni antitrauma rovinati",
        office: "verde",
        slaDays: 15,
        weight: 2,
      },
    ],
  },
  {
    key: "segnaletica",
    name: "Segnaletica",
    nameEn: "Road signs and markings",
    children: [
      {
        key: "verticale",
        name: "Segnaletica verticale",
        nameEn: "Road signs",
        description: "Cartelli abbattuti, girati, illeggibili o coperti dalla vegetazione",
        office: "mobilita",
        slaDays: 15,
        weight: 3,
      },
      {
        key: "orizzontale",
        name: "Segnaletica orizzontale",
        nameEn: "Road markings",
        description: "Strisce pedonali e linee sbiadite",
        office: "mobilita",
        slaDays: 30,
        weight: 3,
      },
      {
        key: "semaforo",
        name: "Semaforo guasto",
        nameEn: "Faulty traffic light",
        description: "Semafori spenti, lampeggianti o con lanterne rotte",
        office: "mobilita",
        organisation: "roads",
        slaDays: 3,
        weight: 1,
        priority: "high",
        notice: "Se il semaforo è spento su un incrocio pericoloso chiama la Polizia Locale.",
      },
    ],
  },
  {
    key: "barriere",
    name: "Barriere architettoniche",
    nameEn: "Accessibility barriers",
    children: [
      {
        key: "accessibilita_marciapiedi",
        name: "Accessibilità marciapiedi",
        nameEn: "Pavement accessibility",
        description: "Scivoli mancanti, ostacoli sul percorso, dislivelli",
        office: "manutenzioni",
        slaDays: 30,
        weight: 1.5,
      },
      {
        key: "accesso_edifici",
        name: "Accesso edifici pubblici",
        nameEn: "Access to public buildings",
        description: "Rampe, ascensori o servoscala non funzionanti",
        office: "manutenzioni",
        slaDays: 30,
        weight: 0.8,
      },
    ],
  },
  {
    key: "animali",
    name: "Animali",
    nameEn: "Animals",
    children: [
      {
        key: "randagi",
        name: "Animali randagi",
        nameEn: "Stray animals",
        description: "Cani vaganti o animali in difficoltà",
        office: "polizia",
        organisation: "vet",
        slaDays: 3,
        weight: 1.5,
      },
      {
        key: "carcasse",
        name: "Carcasse di animali",
        nameEn: "Dead animals",
        description: "Animali morti su strade e aree pubbliche",
        office: "ambiente",
        organisation: "waste",
        slaDays: 2,
        weight: 1,
      },
      {
        key: "infestazioni",
        name: "Infestazioni (topi, zanzare)",
        nameEn: "Pests (rats, mosquitoes)",
        description: "Ratti, zanzare tigre, nidi di vespe su suolo pubblico",
        office: "ambiente",
        slaDays: 10,
        weight: 2,
      },
    ],
  },
  {
    key: "decoro",
    name: "Decoro urbano",
    nameEn: "Urban decay",
    children: [
      {
        key: "graffiti",
        name: "Graffiti e vandalismi",
        nameEn: "Graffiti and vandalism",
        description: "Scritte su muri e monumenti, danni intenzionali",
        office: "manutenzioni",
        slaDays: 30,
        weight: 3,
      },
      {
        key: "arredo",
        name: "Arredo urbano danneggiato",
        nameEn: "Damaged street furniture",
        description: "Panchine, cestini, fioriere, rastrelliere",
        office: "manutenzioni",
        slaDays: 20,
        weight: 3,
      },
    ],
  },
  {
    key: "acqua",
    name: "Acqua e fognature",
    nameEn: "Water and sewers",
    children: [
      {
        key: "perdita",
        name: "Perdita d'acqua",
        nameEn: "Water leak",
        description: "Acqua che esce dall'asfalto, da fontanelle o idranti",
        office: "manutenzioni",
        organisation: "water",
        slaDays: 2,
        weight: 2.5,
        priority: "high",
      },
      {
        key: "fognatura",
        name: "Fognatura intasata",
        nameEn: "Blocked sewer",
        description: "Cattivi odori, rigurgiti, allagamenti dopo la pioggia",
        office: "manutenzioni",
        organisation: "water",
        slaDays: 5,
        weight: 2,
      },
    ],
  },
  {
    key: "sicurezza",
    name: "Sicurezza e viabilità",
    nameEn: "Safety and traffic",
    children: [
      {
        key: "auto_abbandonata",
        name: "Auto abbandonata",
        nameEn: "Abandoned vehicle",
        description: "Veicoli fermi da tempo, senza targa o danneggiati",
        office: "polizia",
        slaDays: 30,
        weight: 2.5,
      },
      {
        key: "sosta",
        name: "Sosta irregolare ricorrente",
        nameEn: "Recurring illegal parking",
        description: "Auto in sosta su marciapiedi, passi carrai o stalli riservati",
        office: "polizia",
        slaDays: 15,
        weight: 3,
        commentsEnabled: false,
      },
    ],
  },
  {
    key: "emergenze",
    name: "Emergenze",
    nameEn: "Emergencies",
    children: [
      {
        key: "pericolo",
        name: "Pericolo immediato",
        nameEn: "Immediate danger",
        description: "Situazioni che mettono a rischio persone o cose adesso",
        office: "polizia",
        slaDays: 1,
        weight: 0,
        priority: "urgent",
        notice: EMERGENCY_NOTICE,
        noticeBlocks: true,
        commentsEnabled: false,
      },
    ],
  },
  {
    key: "sociali",
    name: "Servizi sociali",
    nameEn: "Social services",
    children: [
      {
        key: "disagio",
        name: "Situazione di disagio",
        nameEn: "Person in difficulty",
        description: "Persone senza dimora o in difficoltà: la segnalazione resta riservata",
        office: "sociali",
        slaDays: 10,
        weight: 1,
        privateByDefault: true,
        commentsEnabled: false,
      },
    ],
  },
  {
    key: "interne",
    name: "Segnalazioni interne",
    nameEn: "Internal reports",
    children: [
      {
        key: "verifica",
        name: "Verifica ufficio tecnico",
        nameEn: "Technical office inspection",
        description: "Verifiche richieste dagli uffici comunali",
        office: "manutenzioni",
        slaDays: 15,
        weight: 1,
        visibility: "internal",
        commentsEnabled: false,
      },
    ],
  },
];

/** Public replies in the voice of the offices; `{ente}` and `{codice}` are filled in by the generator. */
export const REPLIES = {
  acknowledged: [
    "Buongiorno, abbiamo preso in carico la segnalazione e l'abbiamo assegnata all'ufficio competente. La aggiorneremo qui.",
    "Grazie per la segnalazione. Un tecnico effettuerà un sopralluogo nei prossimi giorni.",
    "Segnalazione verificata: l'intervento è stato inserito nella programmazione della squadra operativa.",
    "Grazie della collaborazione: abbiamo girato la richiesta alla ditta incaricata della manutenzione.",
  ],
  inProgress: [
    "Sopralluogo effettuato: stiamo organizzando l'intervento, che dovrebbe svolgersi entro la prossima settimana, meteo permettendo.",
    "I lavori sono stati affidati alla ditta incaricata. Vi aggiorneremo a intervento concluso.",
    "L'intervento richiede materiale che abbiamo già ordinato: appena arriva la squadra procederà.",
  ],
  resolved: {
    strade: [
      "La buca è stata chiusa con conglomerato bituminoso. Il rifacimento completo del tratto è previsto nel piano asfaltature.",
      "Intervento eseguito: la pavimentazione è stata ripristinata e messa in sicurezza.",
      "La griglia è stata sostituita e la caditoia pulita. Grazie per la segnalazione.",
    ],
    illuminazione: [
      "Il punto luce è stato ripristinato dalla ditta di manutenzione (sostituito l'alimentatore).",
      "Lampada sostituita e impianto verificato: l'illuminazione funziona regolarmente.",
    ],
    rifiuti: [
      "Il gestore del servizio ha rimosso i rifiuti. L'abbandono è stato segnalato alla Polizia Locale per gli accertamenti.",
      "Il contenitore è stato svuotato e sostituito con uno nuovo.",
      "La strada è stata pulita con lo spazzamento straordinario.",
    ],
    verde: [
      "La squadra del verde ha eseguito la potatura e rimosso i rami pericolanti.",
      "Lo sfalcio dell'area è stato completato.",
      "Il gioco danneggiato è stato riparato; l'area è di nuovo accessibile.",
    ],
    segnaletica: [
      "Il cartello è stato raddrizzato e fissato di nuovo.",
      "La segnaletica è stata ripristinata. Il rifacimento delle strisce del quartiere è in programma in primavera.",
      "Il semaforo è stato riparato dal tecnico reperibile.",
    ],
    barriere: [
      "Lo scivolo è stato realizzato e il percorso è ora accessibile.",
      "L'impianto è stato riparato e collaudato.",
    ],
    animali: [
      "L'animale è stato recuperato dal servizio veterinario.",
      "La carcassa è stata rimossa dal gestore del servizio di igiene urbana.",
      "È stato effettuato il trattamento di disinfestazione dell'area.",
    ],
    decoro: [
      "Le scritte sono state rimosse dalla squadra del decoro urbano.",
      "La panchina è stata riparata e riverniciata.",
    ],
    acqua: [
      "Il gestore del servizio idrico ha riparato la perdita e ripristinato l'asfalto.",
      "La condotta è stata disostruita con l'autospurgo.",
    ],
    sicurezza: [
      "Dopo gli accertamenti della Polizia Locale il veicolo è stato rimosso.",
      "Abbiamo intensificato i controlli nella zona: nelle ultime settimane sono stati elevati diversi verbali.",
    ],
    sociali: ["Il servizio sociale ha preso contatto con la persona e attivato gli interventi di sostegno."],
    interne: ["Verifica conclusa, esito registrato nel fascicolo dell'ufficio tecnico."],
  } as Record<string, string[]>,
  notCompetent: [
    "Il luogo indicato non è di competenza comunale: abbiamo inoltrato la segnalazione a {ente}.",
    "La segnalazione riguarda {ente}, a cui l'abbiamo trasmessa. Per aggiornamenti può rivolgersi direttamente a loro.",
  ],
  rejected: [
    "La segnalazione riguarda un'area privata: l'intervento spetta al proprietario.",
    "Dal sopralluogo non è emerso alcun problema nel punto indicato.",
    "Non riusciamo a individuare il luogo: la invitiamo a inviare una nuova segnalazione con la posizione precisa.",
    "L'intervento richiesto è già compreso nei lavori programmati per il quartiere.",
  ],
  duplicate:
    "Grazie: lo stesso problema è già stato segnalato con la pratica {codice}. Seguiremo l'intervento lì; può sostenerla per ricevere gli aggiornamenti.",
  reopened: "Riaperta: il segnalante comunica che il problema non è risolto.",
  internalNotes: [
    "Sopralluogo programmato per giovedì, avvisata la ditta.",
    "Chiesto preventivo alla ditta incaricata, in attesa di risposta.",
    "Materiale ordinato, consegna prevista la prossima settimana.",
    "Verificato sul posto: situazione più grave del previsto, alzata la priorità.",
    "Contattato il segnalante al telefono per precisare la posizione.",
    "Serve un'ordinanza di chiusura temporanea della strada: coinvolta la Polizia Locale.",
    "Da accorpare alla manutenzione programmata del quartiere.",
    "Foto del sopralluogo caricate nella cartella condivisa dell'ufficio.",
  ],
};
