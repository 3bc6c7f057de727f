import type { z } from "zod";
import { toValidationError } from "@/lib/reports/create-report";

/** zod at the edge of every config/staff verb: bad input becomes a ValidationError with message-key field errors. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  return parsed.data;
}

/** Optional free text from a form: trimmed, empty → null. */
export function blankToNull(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v ? v : null;
}
