import Stripe from "stripe";
import { env } from "@/lib/env";

let client: Stripe | null = null;

/**
 * The real Stripe SDK. Host, port and protocol come from env so tests (and offline machines) point it at the
 * stand-in server (tests/fakes/stripe-server.ts); no retries inside the SDK: callers decide what to retry.
 */
export function getStripe(): Stripe {
  if (!env.STRIPE_SECRET_KEY) throw new Error("STRIPE_SECRET_KEY non configurata");
  client ??= new Stripe(env.STRIPE_SECRET_KEY, {
    maxNetworkRetries: 0,
    timeout: 15_000,
    ...(env.STRIPE_API_HOST ? { host: env.STRIPE_API_HOST } : {}),
    ...(env.STRIPE_API_PORT ? { port: env.STRIPE_API_PORT } : {}),
    ...(env.STRIPE_API_PROTOCOL ? { protocol: env.STRIPE_API_PROTOCOL } : {}),
  });
  return client;
}

export function isBillingConfigured(): boolean {
  return Boolean(env.STRIPE_SECRET_KEY);
}
