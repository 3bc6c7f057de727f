import { MAX_RANGE_DAYS } from "@/lib/open311/request-query";
import { STATS_WINDOW_DAYS } from "@/lib/api/v1/stats";

const problem = { $ref: "#/components/responses/Problem" };
const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, "null"], ...extra });
const dateTime = { type: "string", format: "date-time" };
const codeParam = {
  name: "code",
  in: "path",
  required: true,
  description: "Codice della segnalazione (es. FOS-2026-000123).",
  schema: { type: "string", pattern: "^[A-Z]{2,5}-\\d{4}-\\d{6}$" },
};

/**
 * The OpenAPI 3.1 description of Piazza's REST API, written as a typed object next to the handlers it
 * describes (tests validate it with a standard validator and compare it with real responses). The server
 * URL is the comune's own origin, taken from the validated Host of the request.
 */
export function buildOpenApiDocument(serverUrl: string, comune: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: `Piazza — API del Comune di ${comune}`,
      version: "1.0.0",
      summary: "Dati pubblici delle segnalazioni: categorie, stato e storico, statistiche.",
      description:
        "API REST (JSON) di Piazza per un comune. Restituisce solo dati pubblici: mai segnalazioni private, " +
        "categorie interne, note interne o dati di chi segnala. Errori in formato application/problem+json " +
        `(RFC 9457). Per leggere e inviare segnalazioni con lo standard Open311 GeoReport v2 usare ${serverUrl}/open311/v2/ ` +
        "(discovery.xml, services, requests…; l'invio richiede una chiave API del comune).",
      contact: { name: `Comune di ${comune}`, url: serverUrl },
      license: { name: "Dati pubblici del comune", identifier: "CC-BY-4.0" },
    },
    servers: [{ url: `${serverUrl}/api/v1`, description: `Comune di ${comune}` }],
    externalDocs: { description: "Open311 GeoReport v2", url: "http://wiki.open311.org/GeoReport_v2" },
    tags: [
      { name: "categorie", description: "Le categorie (servizi) delle segnalazioni" },
      { name: "segnalazioni", description: "Segnalazioni pubbliche e il loro storico" },
      { name: "statistiche", description: "Numeri degli ultimi giorni" },
    ],
    paths: {
      "/categories": {
        get: {
          operationId: "listCategories",
          tags: ["categorie"],
          summary: "Albero delle categorie pubbliche",
          responses: {
            "200": { description: "Categorie di primo livello con le sottocategorie", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Category" } } } } },
            "404": problem,
            "429": problem,
          },
        },
      },
      "/reports/{code}": {
        get: {
          operationId: "getReport",
          tags: ["segnalazioni"],
          summary: "Una segnalazione pubblica",
          parameters: [codeParam],
          responses: {
            "200": { description: "La segnalazione (solo campi pubblici)", content: { "application/json": { schema: { $ref: "#/components/schemas/Report" } } } },
            "404": problem,
            "429": problem,
          },
        },
      },
      "/reports/{code}/updates": {
        get: {
          operationId: "listReportUpdates",
          tags: ["segnalazioni"],
          summary: "Storico pubblico di una segnalazione",
          description: "Creazione, cambi di stato e risposte pubbliche, in ordine cronologico. Mai note interne.",
          parameters: [codeParam],
          responses: {
            "200": { description: "Eventi pubblici", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/ReportUpdate" } } } } },
            "404": problem,
            "429": problem,
          },
        },
      },
      "/stats": {
        get: {
          operationId: "getStats",
          tags: ["statistiche"],
          summary: `Statistiche degli ultimi ${STATS_WINDOW_DAYS} giorni`,
          responses: {
            "200": { description: "Conteggi e tempi mediani", content: { "application/json": { schema: { $ref: "#/components/schemas/Stats" } } } },
            "404": problem,
            "429": problem,
          },
        },
      },
      "/photos/{id}": {
        get: {
          operationId: "getPhoto",
          tags: ["segnalazioni"],
          summary: "Foto pubblica di una segnalazione (media_url di Open311)",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          responses: {
            "200": { description: "L'immagine", content: { "image/jpeg": {}, "image/png": {}, "image/webp": {} } },
            "404": problem,
          },
        },
      },
    },
    components: {
      schemas: {
        Category: {
          type: "object",
          additionalProperties: false,
          required: ["id", "serviceCode", "name", "nameEn", "description", "slaDays", "questions", "children"],
          properties: {
            id: { type: "string", format: "uuid" },
            serviceCode: { type: "string", description: "service_code in Open311" },
            name: { type: "string" },
            nameEn: nullable("string"),
            description: nullable("string"),
            slaDays: nullable("integer", { description: "Giorni lavorativi entro cui il comune si impegna a rispondere" }),
            questions: { type: "array", items: { $ref: "#/components/schemas/Question" } },
            children: { type: "array", items: { $ref: "#/components/schemas/Category" } },
          },
        },
        Question: {
          type: "object",
          additionalProperties: false,
          required: ["code", "label", "type", "required", "options"],
          properties: {
            code: { type: "string" },
            label: { type: "string" },
            type: { enum: ["text", "number", "select", "boolean"] },
            required: { type: "boolean" },
            options: { type: "array", items: { type: "string" } },
          },
        },
        Report: {
          type: "object",
          additionalProperties: false,
          required: ["code", "status", "open", "category", "office", "title", "description", "address", "lat", "lng", "supportCount", "createdAt", "updatedAt", "acknowledgedAt", "resolvedAt", "closedAt", "dueAt", "photos"],
          properties: {
            code: { type: "string" },
            status: { $ref: "#/components/schemas/Status" },
            open: { type: "boolean", description: "true per ricevuta, presa in carico, in lavorazione" },
            category: {
              type: "object",
              additionalProperties: false,
              required: ["serviceCode", "name"],
              properties: { serviceCode: { type: "string" }, name: { type: "string" } },
            },
            office: nullable("string"),
            title: nullable("string"),
            description: { type: "string" },
            address: nullable("string"),
            lat: { type: "number", minimum: -90, maximum: 90 },
            lng: { type: "number", minimum: -180, maximum: 180 },
            supportCount: { type: "integer", minimum: 0 },
            createdAt: dateTime,
            updatedAt: dateTime,
            acknowledgedAt: nullable("string", { format: "date-time" }),
            resolvedAt: nullable("string", { format: "date-time" }),
            closedAt: nullable("string", { format: "date-time" }),
            dueAt: nullable("string", { format: "date-time" }),
            photos: { type: "array", items: { type: "string", format: "uri" } },
          },
        },
        ReportUpdate: {
          type: "object",
          additionalProperties: false,
          required: ["id", "type", "at", "fromStatus", "toStatus", "body", "author"],
          properties: {
            id: { type: "string", format: "uuid" },
            type: { enum: ["created", "status_changed", "public_reply"] },
            at: dateTime,
            fromStatus: { anyOf: [{ $ref: "#/components/schemas/Status" }, { type: "null" }] },
            toStatus: { anyOf: [{ $ref: "#/components/schemas/Status" }, { type: "null" }] },
            body: nullable("string"),
            author: nullable("string", { description: "Firma pubblica (es. Ufficio Manutenzioni)" }),
          },
        },
        Stats: {
          type: "object",
          additionalProperties: false,
          required: ["from", "to", "total", "byStatus", "byCategory", "medianDaysToAcknowledge", "medianDaysToResolve"],
          properties: {
            from: dateTime,
            to: dateTime,
            total: { type: "integer", minimum: 0 },
            byStatus: { type: "object", propertyNames: { $ref: "#/components/schemas/Status" }, additionalProperties: { type: "integer" } },
            byCategory: {
              type: "array",
              items: {
                type: "object",
                additionalProperties: false,
                required: ["serviceCode", "name", "count"],
                properties: { serviceCode: { type: "string" }, name: { type: "string" }, count: { type: "integer" } },
              },
            },
            medianDaysToAcknowledge: nullable("number"),
            medianDaysToResolve: nullable("number"),
          },
        },
        Status: { enum: ["new", "acknowledged", "in_progress", "resolved", "not_competent", "rejected", "duplicate"] },
        Problem: {
          type: "object",
          description: "RFC 9457 problem details",
          required: ["type", "title", "status", "detail"],
          properties: {
            type: { type: "string", format: "uri-reference" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            instance: { type: "string" },
            errors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
          },
        },
      },
      responses: {
        Problem: {
          description:
            "Errore (problem+json, con Access-Control-Allow-Origin come le risposte riuscite). 404: comune, percorso " +
            "o risorsa inesistente o non pubblica; 405 (altri metodi, con Allow): le risorse si leggono soltanto; " +
            "429: troppe richieste.",
          headers: { "Retry-After": { description: "Secondi da attendere (solo 429)", schema: { type: "integer" } } },
          content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
        },
      },
    },
    "x-open311": { endpoint: `${serverUrl}/open311/v2/`, maxDateRangeDays: MAX_RANGE_DAYS },
  };
}
