import { eq } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { logger } from "@/lib/logger";
import type { Engine } from "../engine";
import { users, vendorStaff, type VendorRole } from "../schema";

/**
 * Demo vendor staff for the console (admin.<root>). The TOTP secret is fixed and printed so that a developer
 * (or the e2e suite, with lib/auth/totp.ts) can compute codes: DEMO ONLY, never in production.
 */
export const DEMO_VENDOR_PASSWORD = "piazza-demo-2026";
export const DEMO_VENDOR_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
export const DEMO_VENDOR_STAFF: { email: string; name: string; role: VendorRole }[] = [
  { email: "owner@piazza.demo", name: "Giulia Conti (titolare)", role: "owner" },
  { email: "supporto@piazza.demo", name: "Paolo Greco (assistenza)", role: "support" },
  { email: "amministrazione@piazza.demo", name: "Sara Fontana (amministrazione)", role: "billing" },
];

/** Idempotent: existing accounts are left as they are. */
export async function seedVendorStaff(db: Engine["db"]): Promise<void> {
  const passwordHash = await hashPassword(DEMO_VENDOR_PASSWORD);
  for (const person of DEMO_VENDOR_STAFF) {
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, person.email)).limit(1);
    const userId =
      existing?.id ??
      (await db
        .insert(users)
        .values({ email: person.email, name: person.name, passwordHash, totpSecret: DEMO_VENDOR_TOTP_SECRET, emailVerified: new Date() })
        .returning({ id: users.id }))[0]!.id;
    await db.insert(vendorStaff).values({ userId, role: person.role }).onConflictDoNothing();
  }
  logger.info("staff del fornitore dimostrativo", {
    console: "admin.<ROOT_DOMAIN>",
    logins: DEMO_VENDOR_STAFF.map((p) => `${p.email} (${p.role})`),
    password: DEMO_VENDOR_PASSWORD,
    totpSecret: DEMO_VENDOR_TOTP_SECRET,
  });
}
