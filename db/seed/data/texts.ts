/**
 * What citizens write, per leaf category, as title and description pairs; `{via}` becomes the street of the
 * report and a closing line from CLOSINGS is sometimes added, so a few pairs go a long way.
 */
export const REPORT_TEXTS: Record<string, [title: string, description: string][]> = {
  buca: [
    [
      "Buca profonda in carreggiata",
      "In {via} c'è una buca profonda una decina di centimetri proprio sulla traiettoria delle auto. Di sera non si vede.",
    ],
    [
      "Buca pericolosa vicino alle strisce",
      "Buca vicino alle strisce pedonali, piena d'acqua quando piove. Ho visto un motorino sbandare.",
    ],
    [
      "Asfalto che si sgretola",
      "Da settimane l'asfalto si sta sgretolando e la buca continua ad allargarsi.",
    ],
    [
      "Buche in fila sulla corsia",
      "Sulla corsia in direzione centro ci sono tre buche in fila, le biciclette devono scartare verso il centro strada.",
    ],
    ["Rattoppo già saltato", "Il rattoppo fatto in inverno si è già staccato, la buca è tornata come prima."],
  ],
  marciapiede: [
    [
      "Radici che sollevano il marciapiede",
      "Le radici dei tigli hanno sollevato il marciapiede: con il passeggino bisogna scendere in strada.",
    ],
    [
      "Piastrelle rotte",
      "Diverse piastrelle del marciapiede di {via} sono rotte o mancanti, mia madre è inciampata la settimana scorsa.",
    ],
    ["Cordolo spaccato", "Il cordolo è spaccato e c'è un gradino di qualche centimetro davanti al portone."],
    [
      "Marciapiede richiuso male dopo i lavori",
      "Dopo i lavori per la fibra il marciapiede è stato richiuso male e ora è tutto sconnesso.",
    ],
  ],
  tombino: [
    [
      "Tombino rumoroso",
      "Il tombino in mezzo alla strada balla e fa un rumore fortissimo ogni volta che passa un'auto, anche di notte.",
    ],
    [
      "Caditoia intasata",
      "La caditoia è piena di foglie e terra: quando piove si forma un lago davanti alle case.",
    ],
    [
      "Griglia della caditoia rotta",
      "La griglia della caditoia è spezzata, una ruota di bicicletta ci può finire dentro.",
    ],
    [
      "Chiusino sprofondato",
      "Il chiusino è più basso dell'asfalto di qualche centimetro, le auto ci sbattono.",
    ],
  ],
  lampione_spento: [
    [
      "Lampione spento",
      "Il lampione davanti al civico è spento da almeno dieci giorni, la via è completamente al buio.",
    ],
    [
      "Via al buio",
      "Sono spenti tre lampioni di fila in {via}, la sera non si vede nulla e passano molti pedoni.",
    ],
    ["Luce intermittente", "La luce si accende e si spegne continuamente per tutta la notte."],
    [
      "Attraversamento pedonale al buio",
      "Il lampione sopra l'attraversamento pedonale non funziona: è pericoloso per chi attraversa.",
    ],
  ],
  lampione_danneggiato: [
    [
      "Palo della luce inclinato",
      "Il palo della luce è stato urtato da un mezzo ed è inclinato verso la strada.",
    ],
    [
      "Cavi scoperti alla base del palo",
      "Lo sportello alla base del palo è aperto e si vedono i cavi elettrici: ci giocano i bambini.",
    ],
    [
      "Armatura del lampione staccata",
      "L'armatura del lampione è rotta e pende dal braccio, con il vento si muove.",
    ],
  ],
  abbandono: [
    [
      "Ingombranti accanto ai contenitori",
      "Qualcuno ha lasciato un materasso, una poltrona e diversi sacchi accanto ai contenitori.",
    ],
    [
      "Sacchi abbandonati",
      "In {via} ci sono sacchi neri abbandonati da giorni, i gatti li hanno aperti e c'è sporcizia ovunque.",
    ],
    [
      "Calcinacci scaricati a bordo strada",
      "Sul bordo della strada hanno scaricato calcinacci e resti di una ristrutturazione.",
    ],
    [
      "Discarica abusiva dietro il parcheggio",
      "Pneumatici e un frigorifero abbandonati nello sterrato dietro il parcheggio.",
    ],
    [
      "Di nuovo rifiuti nello stesso punto",
      "Ancora rifiuti abbandonati nello stesso punto: forse servirebbe una fototrappola.",
    ],
  ],
  cassonetto: [
    [
      "Cassonetto pieno da giorni",
      "Il cassonetto dell'indifferenziato è pieno da giorni e i sacchi sono a terra.",
    ],
    [
      "Coperchio dell'organico rotto",
      "Il coperchio del contenitore dell'organico è rotto, c'è un odore terribile con il caldo.",
    ],
    [
      "Campana del vetro stracolma",
      "La campana del vetro è piena e le persone lasciano le bottiglie per terra.",
    ],
    ["Cassonetto spostato", "Il cassonetto è stato spostato in mezzo al parcheggio e blocca un posto auto."],
  ],
  spazzamento: [
    ["Foglie sul marciapiede", "Il marciapiede è coperto di foglie bagnate, si scivola facilmente."],
    [
      "Piazza sporca dopo la festa",
      "Dopo la festa di sabato la piazza è ancora piena di bicchieri e bottiglie.",
    ],
    [
      "Vetri rotti alla fermata",
      "Ci sono vetri rotti vicino alla fermata dell'autobus, pericolosi per i cani e i bambini.",
    ],
    ["Strada sporca", "Lo spazzamento non passa da settimane, a bordo strada si accumula terra e sporcizia."],
  ],
  alberi: [
    [
      "Ramo pericolante sul marciapiede",
      "Dopo il temporale un grosso ramo è rimasto appeso sopra il marciapiede.",
    ],
    ["Albero inclinato", "L'albero nel giardinetto si è inclinato verso le case, temo che possa cadere."],
    [
      "Rami che coprono il cartello di stop",
      "I rami coprono il lampione e il cartello di stop, gli automobilisti non lo vedono.",
    ],
    ["Ramo secco sulla ciclabile", "Un ramo secco sporge sopra la pista ciclabile all'altezza della testa."],
  ],
  sfalcio: [
    [
      "Erba alta nel parco",
      "L'erba nell'area verde ha superato il mezzo metro, ci sono zecche e non si può più usare.",
    ],
    ["Erba alta all'incrocio", "L'erba alta all'incrocio copre la visuale di chi si immette da {via}."],
    [
      "Spartitraffico mai sfalciato",
      "Nell'aiuola spartitraffico l'erba non è mai stata tagliata quest'anno.",
    ],
  ],
  giochi: [
    ["Altalena rotta", "Una delle catene dell'altalena è spezzata e il seggiolino pende."],
    ["Scivolo danneggiato", "Lo scivolo ha una scheggia di legno sporgente, un bambino si è graffiato."],
    [
      "Pavimentazione antitrauma staccata",
      "La pavimentazione antitrauma sotto i giochi è staccata in più punti.",
    ],
  ],
  verticale: [
    [
      "Cartello di precedenza abbattuto",
      "Il cartello di precedenza è a terra da giorni, probabilmente urtato da un camion.",
    ],
    [
      "Senso unico girato",
      "Il segnale di senso unico è girato di novanta gradi e chi arriva da {via} non lo vede.",
    ],
    ["Cartello illeggibile", "Il cartello è completamente coperto dai rami e dagli adesivi."],
  ],
  orizzontale: [
    [
      "Strisce pedonali sbiadite",
      "Le strisce pedonali davanti alla scuola sono quasi invisibili, soprattutto con la pioggia.",
    ],
    ["Linea di stop invisibile", "La linea di stop all'incrocio non si vede più e le auto non si fermano."],
    [
      "Parcheggi senza strisce dopo l'asfaltatura",
      "Dopo l'asfaltatura non hanno più ridipinto le strisce dei parcheggi.",
    ],
  ],
  semaforo: [
    ["Semaforo lampeggiante", "Il semaforo all'incrocio è giallo lampeggiante da stamattina."],
    [
      "Verde pedonale che non arriva",
      "La lanterna pedonale non diventa mai verde, il pulsante di chiamata non funziona.",
    ],
    ["Lanterna del semaforo rotta", "Una delle lanterne è rotta e il rosso non si vede con il sole."],
  ],
  accessibilita_marciapiedi: [
    [
      "Manca lo scivolo",
      "All'attraversamento manca lo scivolo: con la carrozzina non riesco a salire sul marciapiede.",
    ],
    [
      "Palo in mezzo al marciapiede",
      "Un palo della segnaletica in mezzo al marciapiede lascia meno di 80 centimetri di passaggio.",
    ],
    [
      "Scivolo con gradino",
      "Lo scivolo c'è ma termina con un gradino di 5 centimetri, inutilizzabile con la sedia a rotelle.",
    ],
  ],
  accesso_edifici: [
    [
      "Servoscala della biblioteca guasto",
      "Il servoscala all'ingresso della biblioteca è fuori servizio da più di un mese.",
    ],
    [
      "Ascensore degli uffici fuori servizio",
      "L'ascensore degli uffici comunali è guasto e non c'è un avviso con un'alternativa.",
    ],
    ["Rampa troppo ripida", "La rampa di accesso all'ambulatorio è troppo ripida e senza corrimano."],
  ],
  randagi: [
    [
      "Cane vagante senza collare",
      "Un cane di taglia media gira da ieri per la zona senza collare, sembra spaventato.",
    ],
    [
      "Cane randagio in strada",
      "C'è un cane randagio che attraversa spesso la strada, rischia di essere investito.",
    ],
    ["Gatto ferito", "Un gatto ferito si è rifugiato sotto le auto parcheggiate."],
  ],
  carcasse: [
    ["Gatto investito", "C'è la carcassa di un gatto investito sul bordo della carreggiata."],
    ["Volatile morto sul marciapiede", "Un volatile morto sul marciapiede davanti ai giardini."],
    ["Carcassa lungo il fosso", "Carcassa di una nutria lungo la sponda del fosso vicino alle case."],
  ],
  infestazioni: [
    [
      "Topi vicino ai contenitori",
      "La sera si vedono topi uscire dai tombini vicino ai contenitori dei rifiuti.",
    ],
    [
      "Zanzare tigre nel parco",
      "Nel parco ci sono tantissime zanzare tigre, anche di giorno: chiedo una disinfestazione.",
    ],
    ["Nido di vespe alla fermata", "Un nido di vespe sotto la panchina della fermata dell'autobus."],
  ],
  graffiti: [
    [
      "Muro della scuola imbrattato",
      "Nella notte hanno imbrattato con la vernice spray il muro della scuola.",
    ],
    ["Scritte offensive sulla pensilina", "Scritte offensive sulla pensilina della fermata."],
    [
      "Graffiti sul monumento",
      "Il monumento è stato coperto di tag, spero si possa pulire senza danneggiarlo.",
    ],
  ],
  arredo: [
    ["Panchina rotta", "Mancano due assi della panchina e sporgono le viti."],
    ["Cestino divelto", "Il cestino è stato strappato dal palo ed è a terra da giorni."],
    ["Rastrelliera piegata", "La rastrelliera per le biciclette è piegata e non si può più usare."],
    ["Fioriera spaccata", "La fioriera in cemento è spaccata e ci sono pezzi sul marciapiede."],
  ],
  perdita: [
    ["Acqua che esce dall'asfalto", "Da due giorni esce acqua dall'asfalto e scorre lungo tutta {via}."],
    [
      "Fontanella che non si chiude",
      "La fontanella del parco non si chiude più e l'acqua scorre giorno e notte.",
    ],
    [
      "Acqua che ribolle da un chiusino",
      "C'è acqua che ribolle da un chiusino, probabilmente una tubatura rotta.",
    ],
  ],
  fognatura: [
    ["Cattivo odore di fogna", "Da qualche giorno c'è un forte odore di fogna all'altezza del civico."],
    [
      "Tombino che rigurgita con la pioggia",
      "Ogni volta che piove forte il tombino rigurgita e allaga il marciapiede.",
    ],
    ["Scarico stradale intasato", "Lo scarico della strada è intasato, l'acqua non defluisce più."],
  ],
  auto_abbandonata: [
    ["Auto abbandonata", "Un'auto con le gomme a terra e i vetri rotti è parcheggiata lì da mesi."],
    ["Veicolo senza targa", "Un veicolo senza targa occupa un posto auto in {via} da inizio anno."],
    ["Motorino abbandonato", "Un motorino senza targa è legato al palo da mesi, ormai è smontato."],
  ],
  sosta: [
    [
      "Auto sul marciapiede",
      "Ogni mattina le auto sono parcheggiate sul marciapiede e i pedoni devono camminare in strada.",
    ],
    [
      "Passo carraio bloccato",
      "Il mio passo carraio viene bloccato quasi ogni sera, non riesco a uscire con l'auto.",
    ],
    ["Sosta sulle strisce", "Le auto parcheggiano sulle strisce pedonali davanti al supermercato."],
    [
      "Posto disabili occupato",
      "Il posto riservato ai disabili è sempre occupato da auto senza contrassegno.",
    ],
  ],
  disagio: [
    [
      "Persona che dorme sotto il portico",
      "Un uomo dorme da diverse notti sotto il portico, sembra in cattive condizioni di salute.",
    ],
    [
      "Anziana sola",
      "Una signora anziana del palazzo vive sola e non si vede da giorni, i vicini sono preoccupati.",
    ],
    ["Famiglia che dorme in auto", "Una famiglia con bambini piccoli dorme in auto nel parcheggio."],
  ],
  verifica: [
    [
      "Verifica muro di sostegno",
      "Richiesta verifica dell'ufficio tecnico sul muro di contenimento: presenti crepe evidenti.",
    ],
    [
      "Controllo copertura magazzino",
      "Dopo l'evento meteo di ieri controllare la tenuta della copertura del magazzino comunale.",
    ],
    [
      "Verifica recinzione di cantiere",
      "La Polizia Locale chiede una verifica sulla stabilità della recinzione del cantiere.",
    ],
  ],
};

/** Sometimes appended to a citizen's description. */
export const CLOSINGS = [
  "Grazie.",
  "Grazie per l'attenzione.",
  "Spero si possa intervenire presto.",
  "La situazione va avanti da settimane.",
  "Allego la posizione dal telefono.",
];

export const STREETS: Record<string, { central: string[]; outer: string[] }> = {
  fossano: {
    central: [
      "Via Roma",
      "Piazza Castello",
      "Corso Emanuele Filiberto",
      "Viale Regina Elena",
      "Via Cavour",
      "Piazza Dompè",
      "Via Garibaldi",
      "Via Matteotti",
      "Via Marconi",
      "Via Mazzini",
      "Via Cesare Battisti",
      "Piazza Vittorio Veneto",
    ],
    outer: [
      "Via Salmour",
      "Via Marene",
      "Via Cuneo",
      "Via Torino",
      "Frazione Murazzo",
      "Frazione Cussanio",
      "Frazione Tagliata",
      "Frazione San Sebastiano",
      "Frazione Maddalene",
      "Frazione Gerbo",
      "Frazione Piovani",
      "Frazione Santa Lucia",
    ],
  },
  scandicci: {
    central: [
      "Via Roma",
      "Piazza della Resistenza",
      "Piazza Matteotti",
      "Via Pantin",
      "Viale Aleksandr Pushkin",
      "Via Turri",
      "Via Donizetti",
      "Via Vivaldi",
      "Viale Aldo Moro",
      "Via dei Rossi",
      "Via di Scandicci",
    ],
    outer: [
      "Via Pisana",
      "Via di Vingone",
      "Via di Casellina",
      "Via di Badia a Settimo",
      "Via di San Vincenzo a Torri",
      "Via di Mosciano",
      "Via di San Martino alla Palma",
      "Via di Giogoli",
      "Via delle Bagnese",
      "Via dell'Acciaiolo",
    ],
  },
  trieste: {
    central: [
      "Corso Italia",
      "Via Carducci",
      "Viale XX Settembre",
      "Riva del Mandracchio",
      "Via Mazzini",
      "Via San Nicolò",
      "Piazza Unità d'Italia",
      "Via Cesare Battisti",
      "Piazza Goldoni",
      "Via Ghega",
      "Via Udine",
      "Largo Barriera Vecchia",
      "Via del Coroneo",
      "Piazza Oberdan",
      "Via Cavana",
    ],
    outer: [
      "Via dell'Istria",
      "Via Flavia",
      "Strada di Fiume",
      "Via Commerciale",
      "Viale Miramare",
      "Strada del Friuli",
      "Via Valmaura",
      "Via di Servola",
      "Via San Cilino",
      "Via Capodistria",
      "Via Baiamonti",
      "Via Revoltella",
      "Strada Nuova per Opicina",
      "Via Alpi Giulie",
      "Via di Cattinara",
      "Via Giulia",
      "Strada Costiera",
    ],
  },
};

export const FIRST_NAMES = [
  "Giuseppe",
  "Maria",
  "Giovanni",
  "Anna",
  "Luca",
  "Francesca",
  "Marco",
  "Laura",
  "Andrea",
  "Paola",
  "Alessandro",
  "Giulia",
  "Matteo",
  "Sara",
  "Roberto",
  "Elena",
  "Stefano",
  "Chiara",
  "Davide",
  "Silvia",
  "Federico",
  "Valentina",
  "Riccardo",
  "Martina",
  "Paolo",
  "Alessia",
  "Fabio",
  "Cristina",
  "Simone",
  "Roberta",
];

export const LAST_NAMES = [
  "Rossi",
  "Russo",
  "Ferrari",
  "Esposito",
  "Bianchi",
  "Romano",
  "Colombo",
  "Ricci",
  "Marino",
  "Greco",
  "Bruno",
  "Gallo",
  "Conti",
  "De Luca",
  "Costa",
  "Giordano",
  "Mancini",
  "Rizzo",
  "Lombardi",
  "Moretti",
  "Barbieri",
  "Fontana",
  "Santoro",
  "Mariani",
  "Rinaldi",
  "Caruso",
  "Ferrara",
  "Galli",
  "Martini",
  "Leone",
];

export const CITIZEN_COMMENTS = [
  "Confermo, ci passo ogni giorno e la situazione sta peggiorando.",
  "Il problema è ancora presente, ripasso stamattina.",
  "Anche sotto casa mia c'è la stessa situazione, a due numeri civici di distanza.",
  "Con la pioggia di ieri è ancora più pericoloso.",
  "Grazie per la risposta, aspettiamo l'intervento.",
];

/** Optional words left with a rating, by number of stars. */
export const RATING_FEEDBACK: Record<number, string[]> = {
  5: ["Intervento rapido, grazie!", "Ottimo, risolto in pochi giorni.", ""],
  4: ["Risolto, anche se ci è voluto un po'.", ""],
  3: ["Sistemato, ma il lavoro sembra provvisorio.", ""],
  2: ["Risolto solo in parte.", "Ci sono voluti mesi."],
  1: ["Il problema si ripresenterà alla prima pioggia.", "Nessuno è venuto a vedere davvero."],
};
