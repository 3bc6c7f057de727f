import { env } from "@/lib/env";

/**
 * Plans by population tier, monthly or yearly. Prices are shown on the product site and the subscription
 * page; Stripe charges what its price objects say, so keep `amountCents` in sync with the Stripe prices
 * whose ids come from STRIPE_PRICE_<TIER>_<MONTH|YEAR> (docs/BILLING.md).
 */
export const PLAN_IDS = ["s", "m", "l", "xl"] as const;
export type PlanId = (typeof PLAN_IDS)[number];
export type BillingInterval = "month" | "year";

export type Plan = {
  id: PlanId;
  /** Largest population the tier covers (inclusive); null = no upper bound. */
  maxPopulation: number | null;
  monthlyCents: number;
  yearlyCents: number;
  priceIds: Record<BillingInterval, string>;
};

export const PLANS: readonly Plan[] = [
  { id: "s", maxPopulation: 5_000, monthlyCents: 4_900, yearlyCents: 49_000, priceIds: { month: env.STRIPE_PRICE_S_MONTH, year: env.STRIPE_PRICE_S_YEAR } },
  { id: "m", maxPopulation: 20_000, monthlyCents: 14_900, yearlyCents: 149_000, priceIds: { month: env.STRIPE_PRICE_M_MONTH, year: env.STRIPE_PRICE_M_YEAR } },
  { id: "l", maxPopulation: 60_000, monthlyCents: 34_900, yearlyCents: 349_000, priceIds: { month: env.STRIPE_PRICE_L_MONTH, year: env.STRIPE_PRICE_L_YEAR } },
  { id: "xl", maxPopulation: null, monthlyCents: 79_900, yearlyCents: 799_000, priceIds: { month: env.STRIPE_PRICE_XL_MONTH, year: env.STRIPE_PRICE_XL_YEAR } },
];

export const TRIAL_DAYS = 30;
/** Days a comune keeps full service after a failed payment before it is suspended. */
export const GRACE_DAYS = 14;

export function isPlanId(value: unknown): value is PlanId {
  return typeof value === "string" && (PLAN_IDS as readonly string[]).includes(value);
}

export function getPlan(id: PlanId): Plan {
  return PLANS.find((p) => p.id === id)!;
}

/** The tier a comune of this population belongs to (unknown population → the smallest). */
export function planForPopulation(population: number | null | undefined): Plan {
  const n = population ?? 0;
  return PLANS.find((p) => p.maxPopulation === null || n <= p.maxPopulation)!;
}

/**
 * The plan a comune is on: the one vendor staff or its subscription set (tenants.plan), otherwise the tier of
 * its population (a trial). This is what the subscription page shows and what Checkout charges.
 */
export function planOf(tenant: { plan: string | null; population: number | null }): Plan {
  return isPlanId(tenant.plan) ? getPlan(tenant.plan) : planForPopulation(tenant.population);
}

/** Plan and interval of a Stripe price id, or null for a price Piazza does not know. */
export function planForPriceId(priceId: string | null | undefined): { plan: Plan; interval: BillingInterval } | null {
  if (!priceId) return null;
  for (const plan of PLANS) {
    if (plan.priceIds.month === priceId) return { plan, interval: "month" };
    if (plan.priceIds.year === priceId) return { plan, interval: "year" };
  }
  return null;
}

/** Monthly recurring revenue of a plan in cents (yearly prices spread over twelve months). */
export function mrrCents(planId: string | null, interval: string | null): number {
  if (!isPlanId(planId)) return 0;
  const plan = getPlan(planId);
  return interval === "year" ? Math.round(plan.yearlyCents / 12) : plan.monthlyCents;
}
