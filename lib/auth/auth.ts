import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { authSecret, env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { logger as authLog } from "@/lib/logger";
import { requestHost, requestScheme } from "@/lib/tenancy/request-host";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { tenantForHost } from "@/lib/tenancy/tenant-for-host";
import { consumeMagicLink } from "./magic-link";
import { currentTotpSecret, verifyMfaProof } from "./mfa-proof";
import { checkPassword } from "./password-sign-in";
import { verifyTotp } from "./totp";

class LockedError extends CredentialsSignin {
  code = "locked";
}
class RateLimitedSignIn extends CredentialsSignin {
  code = "rate_limited";
}
class TotpRequired extends CredentialsSignin {
  code = "totp_required";
}

/**
 * Auth.js, configured per request from the validated Host (lazy initialisation): the comune (or the vendor
 * console) is fixed by the host the person is on, sessions are JWTs in host-only cookies, and every token
 * carries the tenant id it was minted for — lib/auth/session.ts rejects it on any other host.
 * Providers: staff email + password (with TOTP when enrolled) and one-time emailed links (staff and citizens),
 * both as Credentials providers so that links go through Piazza's own mailer and outbox.
 */
export const { handlers, auth, signIn, signOut, unstable_update: updateSession } = NextAuth(async (request): Promise<NextAuthConfig> => {
  const h = request ? request.headers : await headers();
  const host = requestHost(h);
  const tenant = await tenantForHost(host);
  const onConsole = resolveHost(host, env.ROOT_DOMAIN).kind === "vendor";
  const ip = clientIp(h);

  return {
    trustHost: true,
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/accedi", error: "/accedi" },
    // A wrong password is an expected outcome, not a server error: keep it out of the error log (the
    // failed attempt is already counted in users.failed_logins and the rate limiter).
    logger: {
      error(error) {
        if ((error as { type?: string }).type === "CredentialsSignin" || error.name === "CredentialsSignin") return;
        authLog.error("auth error", { name: error.name, message: error.message });
      },
    },
    providers: [
      Credentials({
        id: "password",
        credentials: { email: {}, password: {}, totp: {} },
        async authorize(credentials) {
          if (!tenant && !onConsole) return null;
          const email = String(credentials?.email ?? "");
          const password = String(credentials?.password ?? "");
          if (!email || !password) return null;
          const result = await checkPassword(tenant ? { tenantId: tenant.id } : { vendor: true }, email, password, ip);
          if (!result.ok) {
            if (result.reason === "locked") throw new LockedError();
            if (result.reason === "rate_limited") throw new RateLimitedSignIn();
            return null;
          }
          const mfaRequired = Boolean(result.user.totpSecret) || onConsole || Boolean(tenant?.settings?.mfaRequired);
          if (result.user.totpSecret) {
            if (!verifyTotp(result.user.totpSecret, String(credentials?.totp ?? ""))) throw new TotpRequired();
          }
          return {
            id: result.user.id,
            email: result.user.email,
            name: result.user.name,
            tenantId: tenant?.id ?? null,
            vendor: onConsole,
            mfa: Boolean(result.user.totpSecret),
            mfaPending: mfaRequired && !result.user.totpSecret,
          };
        },
      }),
      Credentials({
        id: "magic-link",
        credentials: { email: {}, token: {} },
        async authorize(credentials) {
          if (!tenant) return null;
          const user = await consumeMagicLink(tenant.id, String(credentials?.email ?? ""), String(credentials?.token ?? ""));
          if (!user) return null;
          return { id: user.id, email: user.email, name: user.name, tenantId: tenant.id, vendor: false, mfa: false, mfaPending: false };
        },
      }),
    ],
    callbacks: {
      // Behind `next start` Auth.js may derive its base URL from the server's own host; redirects are
      // resolved against the validated Host instead, and never leave it (no open redirect to other hosts).
      async redirect({ url }) {
        const origin = host ? `${requestScheme(h, host)}://${host}` : null;
        if (!origin) return "/";
        const target = new URL(url, origin);
        return target.host === host ? target.toString() : `${origin}/`;
      },
      async jwt({ token, user, trigger, session }) {
        // The only session change accepted after sign-in: "second factor enrolled now", proven by an HMAC
        // that only the server can compute (lib/auth/mfa-proof.ts). Anything else a client sends is ignored.
        if (trigger === "update" && typeof token.uid === "string") {
          const proof = (session as { mfaProof?: unknown } | undefined)?.mfaProof;
          const secret = typeof proof === "string" ? await currentTotpSecret(token.uid) : null;
          if (secret && verifyMfaProof(proof as string, token.uid, (token.tid as string | null) ?? null, secret)) {
            token.mfa = true;
            token.mfaPending = false;
          }
          return token;
        }
        if (user) {
          const u = user as typeof user & { tenantId: string | null; vendor: boolean; mfa: boolean; mfaPending: boolean };
          token.uid = u.id;
          token.tid = u.tenantId;
          token.vendor = u.vendor;
          token.mfa = u.mfa;
          token.mfaPending = u.mfaPending;
        }
        return token;
      },
      async session({ session, token }) {
        return {
          ...session,
          uid: token.uid as string,
          tid: (token.tid as string | null) ?? null,
          vendor: Boolean(token.vendor),
          mfa: Boolean(token.mfa),
          mfaPending: Boolean(token.mfaPending),
        };
      },
    },
  };
});
