/**
 * Errors of the GeoReport v2 endpoints, as the spec describes them: an HTTP status plus an `errors` array
 * of {code, description}. `key` names the message in messages/<locale>/open311.json (never internal text).
 */
export type Open311Status = 400 | 403 | 404 | 405 | 413 | 429 | 500;

export class Open311Error extends Error {
  constructor(
    readonly status: Open311Status,
    readonly key: string,
    readonly values: Record<string, string | number> = {},
    readonly retryAfterSeconds?: number,
  ) {
    super(key);
    this.name = "Open311Error";
  }
}

export const missing = (parameter: string) => new Open311Error(400, "missing_parameter", { parameter });
export const invalid = (parameter: string) => new Open311Error(400, "invalid_parameter", { parameter });
