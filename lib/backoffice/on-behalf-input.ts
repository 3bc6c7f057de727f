import { ValidationError } from "@/lib/errors";
import type { CreateReportInput } from "@/lib/reports/create-report";
import { italianText } from "./texts";

const str = (form: FormData, name: string) => String(form.get(name) ?? "");

/**
 * The place of an on-behalf report: the pin, when the operator placed it (lat/lng filled); otherwise, with
 * an address, the comune's centre flagged for staff (no geocoder offline); otherwise an error on the pin.
 */
function position(form: FormData, centre: { lat: number; lng: number }) {
  const lat = str(form, "lat").trim().replace(",", ".");
  const lng = str(form, "lng").trim().replace(",", ".");
  if (Boolean(lat) !== Boolean(lng)) throw new ValidationError("validation", { lat: ["position_invalid"] });
  if (lat && lng) return { lat: lat as unknown as number, lng: lng as unknown as number, approximate: false };
  if (!str(form, "address").trim()) throw new ValidationError("validation", { lat: ["position_required"] });
  return { ...centre, approximate: true };
}

/**
 * The operator's on-behalf form as createReport's input (which checks it all again). Answers to the
 * category's extra questions arrive as `answers.<code>` text fields and `answerFlags` (the yes/no questions
 * ticked), so yes/no answers reach createReport as booleans and the rest as text.
 */
export function onBehalfInput(form: FormData, centre: { lat: number; lng: number }): CreateReportInput {
  const place = position(form, centre);
  const answers: Record<string, string | boolean> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("answers.") && typeof value === "string" && value.trim()) answers[key.slice("answers.".length)] = value;
  }
  for (const code of form.getAll("answerFlags")) answers[String(code)] = true;
  return {
    categoryId: str(form, "categoryId"),
    lat: place.lat,
    lng: place.lng,
    address: str(form, "address"),
    title: str(form, "title"),
    description: str(form, "description"),
    answers,
    reporterName: str(form, "reporterName"),
    reporterEmail: str(form, "reporterEmail"),
    reporterPhone: str(form, "reporterPhone"),
    channel: str(form, "channel") as "phone",
    callbackRequested: form.get("callbackRequested") === "on",
    wantsPrivate: form.get("wantsPrivate") === "on",
    idempotencyKey: str(form, "idempotencyKey") || undefined,
    // Like Open311's address-only requests: staff see that the pin still has to be placed.
    internalNote: place.approximate ? italianText("newReport.approximatePosition") : undefined,
  };
}
