import { applyStripeEvent } from "@/lib/billing/apply-stripe-event";
import { verifyStripeWebhook } from "@/lib/billing/verify-webhook";
import { ValidationError } from "@/lib/errors";
import { logger } from "@/lib/logger";

/**
 * Stripe webhook endpoint (configure https://<ROOT_DOMAIN>/api/stripe/webhook in the Stripe dashboard).
 * The raw body is read before anything else: the signature covers its exact bytes. 2xx tells Stripe to stop
 * retrying (also for replays); 400 for a bad signature; 500 makes Stripe retry later.
 */
export async function POST(request: Request): Promise<Response> {
  const raw = await request.text();
  let event;
  try {
    event = verifyStripeWebhook(raw, request.headers.get("stripe-signature"));
  } catch (error) {
    if (error instanceof ValidationError) return Response.json({ error: "bad_signature" }, { status: 400 });
    throw error;
  }
  try {
    const result = await applyStripeEvent(event);
    return Response.json({ received: true, result });
  } catch (error) {
    logger.error("stripe webhook failed", { id: event.id, type: event.type, error: String(error) });
    return Response.json({ error: "processing_failed" }, { status: 500 });
  }
}
