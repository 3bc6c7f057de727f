import type Stripe from "stripe";
import { env } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { getStripe } from "./stripe";

/**
 * Verifies Stripe's signature over the exact raw body (any re-serialisation breaks it) and the timestamp
 * tolerance (5 minutes, replay protection); returns the event or throws ValidationError("bad_signature").
 */
export function verifyStripeWebhook(rawBody: string, signature: string | null): Stripe.Event {
  if (!env.STRIPE_WEBHOOK_SECRET || !signature) throw new ValidationError("bad_signature");
  try {
    return getStripe().webhooks.constructEvent(rawBody, signature, env.STRIPE_WEBHOOK_SECRET);
  } catch {
    throw new ValidationError("bad_signature");
  }
}
