import { invalid, Open311Error } from "./errors";
import { param } from "./post-service-request";
import type { RequestQuery } from "./requests";
import type { ServiceCatalog } from "./services";

const DAY = 24 * 3600 * 1000;
export const MAX_RANGE_DAYS = 90;
export const DEFAULT_PAGE_SIZE = 1000;
export const MAX_PAGE_SIZE = 1000;

/** w3 datetime with timezone (2010-01-01T00:00:00Z, …+01:00); a bare date counts as UTC midnight. */
const W3 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

function date(params: URLSearchParams, name: string): Date | null {
  const value = param(params, name);
  if (value === null) return null;
  const d = W3.test(value) ? new Date(value) : null;
  if (!d || Number.isNaN(d.getTime())) throw invalid(name);
  return d;
}

function list(params: URLSearchParams, name: string): string[] | undefined {
  const values = params
    .getAll(name)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  return values.length > 0 ? [...new Set(values)] : undefined;
}

function positiveInt(params: URLSearchParams, name: string, fallback: number, max: number): number {
  const value = param(params, name);
  if (value === null) return fallback;
  if (!/^\d{1,7}$/.test(value) || Number(value) < 1) throw invalid(name);
  return Math.min(Number(value), max);
}

/**
 * GET requests arguments (spec): service_request_id list overrides everything; service_code and status
 * are comma lists; start_date/end_date default to the last 90 days and may not span more than 90 days.
 * Paging (page_size, page) is Piazza's addition: by default the first 1000 requests, newest first.
 */
export function parseRequestQuery(params: URLSearchParams, catalog: ServiceCatalog, now = new Date()): RequestQuery {
  const pageSize = positiveInt(params, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const page = positiveInt(params, "page", 1, 100_000);
  const ids = list(params, "service_request_id");
  let start = date(params, "start_date");
  let end = date(params, "end_date");
  if (start && end && start > end) throw new Open311Error(400, "date_range_inverted");
  if (start && end && end.getTime() - start.getTime() > MAX_RANGE_DAYS * DAY) {
    throw new Open311Error(400, "date_range_too_long");
  }
  if (!start && !end) end = now;
  if (!start) start = new Date(end!.getTime() - MAX_RANGE_DAYS * DAY);
  if (!end) end = new Date(start.getTime() + MAX_RANGE_DAYS * DAY);

  const statuses = list(params, "status");
  if (statuses?.some((s) => s !== "open" && s !== "closed")) throw invalid("status");
  const codes = list(params, "service_code");
  // An unknown code matches nothing (an empty list), like a filter on a service with no requests.
  const categoryIds = codes
    ? [...catalog.byCategoryId.values()].filter((s) => codes.includes(s.serviceCode)).map((s) => s.categoryId)
    : undefined;
  return {
    ids,
    categoryIds,
    start,
    end,
    statuses: statuses as ("open" | "closed")[] | undefined,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
}
