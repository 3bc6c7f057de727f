import type { ExtraQuestion } from "@/db/schema";
import { apiTranslator } from "@/lib/api/request-context";
import { withTenant, type Tx } from "@/db/client";
import { authenticateApiKeyIn } from "@/lib/api-keys/authenticate-api-key";
import type { TenantRef } from "@/lib/context";
import { ValidationError } from "@/lib/errors";
import { createReportIn, prefetchForService, replayOf, type CreateReportInput } from "@/lib/reports/create-report";
import { DEFAULT_LOCALE } from "@/lib/i18n/config";
import { assertWithinLimits, rateLimitStatement, type RateLimitCheck } from "@/lib/security/rate-limit";
import { hashToken } from "@/lib/security/tokens";
import { invalid, missing, Open311Error } from "./errors";
import { requestToken } from "./find-by-token";
import { findService, loadServiceCatalogIn, type ServiceCatalog } from "./services";

/** Client-chosen Idempotency-Key header: a replay (same key, same API key) returns the same request. */
const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,48}$/;

export type PostInput = {
  form: URLSearchParams;
  apiKey: string | null;
  idempotencyToken: string | null;
  ip: string | null;
  /** The request's rate-limit counters: counted in the transaction's first round trip, before the key. */
  limits: RateLimitCheck[];
};

/** createReport's field names → the Open311 parameter a client sent. */
const PARAMETER_OF: Record<string, string> = {
  categoryId: "service_code",
  lat: "lat",
  lng: "long",
  position: "lat/long",
  address: "address_string",
  description: "description",
  reporterEmail: "email",
  reporterName: "first_name/last_name",
  reporterPhone: "phone",
  answers: "attribute",
  internalNote: "media_url",
};

/** The rate-limit counter of the API key a POST presents: by its hash, so it is counted before the lookup. */
export function apiKeyLimitKey(tenantId: string, apiKey: string): string {
  return `${tenantId}:open311-post:${hashToken(apiKey)}`;
}

/**
 * POST requests: an API client files a report for the comune. The request's counters (its address and
 * its key) go out on the transaction's connection just before it, in the same round trip, and commit on
 * their own: a refused request still counts. One transaction reads the key and the catalog together (429
 * over a limit, then 403, before anything else is looked at, so nothing is disclosed), then the request
 * becomes an ordinary report through createReportIn (channel "open311"): routed to the category's office,
 * numbered, timeline event, receipt and updates to the poster's email — all in that same transaction.
 * The citizen's description stays as sent; what only staff need (media_url, a position to verify) becomes
 * an internal note in the same transaction, never public text.
 */
export async function postServiceRequest(
  tenant: TenantRef & { centreLat: number; centreLng: number },
  { form, apiKey, idempotencyToken, ip, limits }: PostInput,
) {
  // Known once the key is authenticated, needed after the transaction (a replay is found outside it).
  let idempotencyKey: string | undefined;
  let notice: string | null = null;
  try {
    const counters = rateLimitStatement(limits);
    const work = async (tx: Tx, counted: Promise<Record<string, unknown>[]>) => {
      // The service's category and the next number go out in the same round trip as the key and the
      // catalog; a refusal below rolls them back (create-report.ts, prefetchForService).
      const serviceCode = param(form, "service_code");
      const catalogRead = loadServiceCatalogIn(tx, tenant);
      const prefetched = serviceCode ? prefetchForService(tx, tenant.id, serviceCode, catalogRead.then((c) => c.rows)) : undefined;
      const [catalog, actor, rows] = await Promise.all([
        catalogRead,
        authenticateApiKeyIn(tx, tenant, apiKey),
        counted,
        prefetched?.seq,
        prefetched?.category,
      ]);
      // Over a limit: 429 whatever the key — the counters are already committed, nothing else is.
      assertWithinLimits(rows, limits);
      if (!actor) throw new Open311Error(403, "invalid_api_key");
      if (idempotencyToken !== null && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyToken)) throw invalid("Idempotency-Key");
      idempotencyKey = idempotencyToken ? `open311:${actor.apiKeyId}:${idempotencyToken}` : undefined;
      const input = reportInput(tenant, catalog, form, idempotencyKey);
      notice = input.notice;
      return createReportIn(tx, { ctx: { tenant, actor, ip }, input: input.report }, prefetched);
    };
    // Point reads by key and inserts: generic plans (db/client.ts, ADR 0005).
    const created = await withTenant(tenant.id, work, { before: counters ?? undefined, genericPlans: true });
    return response(created, notice);
  } catch (error) {
    const replayed = await replayOf(error, tenant.id, idempotencyKey);
    if (replayed) return response(replayed, notice);
    if (error instanceof ValidationError) throw toOpen311(error);
    throw error;
  }
}

function response(created: { id: string; code: string }, notice: string | null) {
  return { service_request_id: created.code, token: requestToken(created.id), service_notice: notice, account_id: null };
}

/** The form as createReport's input, checked against the catalog (Open311 errors name the parameter). */
function reportInput(
  tenant: { centreLat: number; centreLng: number },
  catalog: ServiceCatalog,
  form: URLSearchParams,
  idempotencyKey: string | undefined,
): { report: CreateReportInput; notice: string | null } {
  const serviceCode = param(form, "service_code");
  if (!serviceCode) throw missing("service_code");
  const service = findService(catalog, serviceCode);
  if (!service) throw new Open311Error(404, "service_not_found", { code: serviceCode });

  const { lat, lng, approximate } = location(form, tenant);
  const answers = readAttributes(form, service.extraQuestions);
  const mediaUrl = param(form, "media_url");
  if (mediaUrl && (mediaUrl.length > 2000 || !/^https?:\/\/\S+$/i.test(mediaUrl))) throw invalid("media_url");
  const name = [param(form, "first_name"), param(form, "last_name")].filter(Boolean).join(" ");
  return {
    notice: service.notice,
    report: {
      categoryId: service.categoryId,
      lat,
      lng,
      address: param(form, "address_string") ?? undefined,
      description: param(form, "description") ?? undefined,
      internalNote: staffNote(mediaUrl, approximate),
      answers,
      reporterName: name || undefined,
      reporterEmail: param(form, "email") ?? undefined,
      reporterPhone: param(form, "phone") ?? undefined,
      channel: "open311",
      idempotencyKey,
    },
  };
}

function toOpen311(error: ValidationError): Open311Error {
  const field = Object.keys(error.fieldErrors ?? {})[0];
  if (error.code === "outside_area" || field === "position") return new Open311Error(400, "outside_area");
  if (error.code === "category_blocked") return new Open311Error(400, "service_blocked");
  const messages = field ? (error.fieldErrors?.[field] ?? []) : [];
  if (field === "description" && messages.includes("description_too_short")) {
    return new Open311Error(400, "description_too_short");
  }
  return invalid(field ? (PARAMETER_OF[field] ?? field) : "request");
}

/** Optional arguments: an empty parameter is the same as an absent one (spec). */
export function param(params: URLSearchParams, name: string): string | null {
  const value = params.get(name)?.trim();
  return value ? value : null;
}

/**
 * The internal note of a posted request, in the comune's language: the photo link the client hosts
 * (the spec leaves media_url on the client's server) and, for address-only requests, that the pin is
 * the comune's centre until staff move it.
 */
function staffNote(mediaUrl: string | null, approximate: boolean): string | undefined {
  const t = apiTranslator(DEFAULT_LOCALE, "open311");
  const lines = [approximate ? t("staffNote.approximatePosition") : null, mediaUrl ? t("staffNote.mediaUrl", { url: mediaUrl }) : null];
  return lines.filter(Boolean).join("\n\n") || undefined;
}

/**
 * lat/long, or — as the spec allows — only address_string/address_id. With no geocoder offline, an
 * address-only request is placed at the comune's centre and flagged for staff to move the pin.
 */
function location(
  form: URLSearchParams,
  tenant: { centreLat: number; centreLng: number },
): { lat: number; lng: number; approximate: boolean } {
  const lat = param(form, "lat");
  const long = param(form, "long");
  if (lat === null && long === null) {
    if (param(form, "address_string") || param(form, "address_id")) {
      return { lat: tenant.centreLat, lng: tenant.centreLng, approximate: true };
    }
    throw missing("lat/long");
  }
  if (lat === null) throw missing("lat");
  if (long === null) throw missing("long");
  const latN = Number(lat);
  const lngN = Number(long);
  if (!Number.isFinite(latN) || latN < -90 || latN > 90) throw invalid("lat");
  if (!Number.isFinite(lngN) || lngN < -180 || lngN > 180) throw invalid("long");
  return { lat: latN, lng: lngN, approximate: false };
}

/** attribute[code]=value and attribute[code][]=v1&attribute[code][]=v2, checked against the definition. */
function readAttributes(form: URLSearchParams, questions: ExtraQuestion[]): Record<string, string | number | boolean> {
  const answers: Record<string, string | number | boolean> = {};
  for (const q of questions) {
    const values = [...form.getAll(`attribute[${q.code}]`), ...form.getAll(`attribute[${q.code}][]`)]
      .map((v) => v.trim())
      .filter(Boolean);
    const name = `attribute[${q.code}]`;
    if (values.length === 0) {
      if (q.required) throw missing(name);
      continue;
    }
    if (values.length > 1) throw invalid(name);
    const value = values[0]!;
    if (q.type === "number") {
      const n = Number(value.replace(",", "."));
      if (!Number.isFinite(n)) throw invalid(name);
      answers[q.code] = n;
    } else if (q.type === "boolean") {
      if (value !== "true" && value !== "false") throw invalid(name);
      answers[q.code] = value === "true";
    } else if (q.type === "select") {
      if (!(q.options ?? []).includes(value)) throw invalid(name);
      answers[q.code] = value;
    } else {
      if (value.length > 1000) throw invalid(name);
      answers[q.code] = value;
    }
  }
  return answers;
}
