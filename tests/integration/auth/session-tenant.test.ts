import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { getSessionFor } from "@/lib/auth/session";
import { authSecret, env } from "@/lib/env";
import { createStaff, createTenant, type Tenant } from "../../support/factories";

// Plain http on *.localhost (Next's server sets x-forwarded-proto): Auth.js names the cookie without the
// __Secure- prefix and salts the JWT with that name.
const COOKIE = "authjs.session-token";

async function sessionCookie(uid: string, tid: string): Promise<string> {
  const jwt = await encode({ token: { sub: uid, uid, tid, vendor: false, mfa: true, mfaPending: false }, secret: authSecret(), salt: COOKIE });
  return `${COOKIE}=${jwt}`;
}

function requestOn(tenant: Tenant, cookie: string): Headers {
  return new Headers({ host: `${tenant.slug}.${env.ROOT_DOMAIN}`, "x-forwarded-proto": "http", cookie });
}

describe("a staff session bound to its comune", () => {
  it("is accepted on the comune it was minted for", async () => {
    const a = await createTenant();
    const { user } = await createStaff(a, "supervisor");
    const session = await getSessionFor(a.id, requestOn(a, await sessionCookie(user.id, a.id)));
    expect(session).toMatchObject({ uid: user.id, tid: a.id });
  });

  it("replayed on another comune's host, the same JWT cookie is no session at all", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const { user } = await createStaff(a, "supervisor");
    // The person is staff of B too: the cookie of A must still not open B's back office.
    await createStaff(b, "admin", { user: { email: `altro-${user.email}` } });
    const cookie = await sessionCookie(user.id, a.id);
    expect(await getSessionFor(b.id, requestOn(b, cookie))).toBeNull();
    // The vendor console (no comune) refuses it as well.
    expect(await getSessionFor(null, new Headers({ host: `admin.${env.ROOT_DOMAIN}`, "x-forwarded-proto": "http", cookie }))).toBeNull();
  });

  it("a forged cookie (signed with another secret) is no session", async () => {
    const a = await createTenant();
    const { user } = await createStaff(a, "admin");
    const jwt = await encode({ token: { sub: user.id, uid: user.id, tid: a.id }, secret: "x".repeat(40), salt: COOKIE });
    expect(await getSessionFor(a.id, requestOn(a, `${COOKIE}=${jwt}`))).toBeNull();
  });
});
