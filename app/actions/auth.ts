"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/auth";
import { formValues, requestTenant, toFormState, type FormState } from "@/lib/auth/action-context";
import { requestMagicLink } from "@/lib/auth/magic-link";
import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { acceptInvitation } from "@/lib/staff/accept-invitation";
import { RateLimitedError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { requestHost } from "@/lib/tenancy/request-host";
import { tenantForHost } from "@/lib/tenancy/tenant-for-host";

/**
 * `redirectTo` is followed by the browser with a full navigation (see useFollowRedirect): a redirect thrown
 * from a server action is rendered by Next for the bare path, without the proxy's host rewrite, so a
 * comune's or the console's "/" would come back as the product site.
 */
export type SignInState = {
  ok: boolean;
  code?: string;
  email?: string;
  sent?: boolean;
  needTotp?: boolean;
  redirectTo?: string;
};

const safeNext = (value: unknown, fallback: string) => {
  const next = typeof value === "string" ? value : "";
  return next.startsWith("/") && !next.startsWith("//") ? next : fallback;
};

/** Email + password (staff). On success Auth.js redirects (thrown NEXT_REDIRECT, rethrown here). */
export async function signInWithPassword(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "").trim();
  const parsed = z.object({ email: z.string().email(), password: z.string().min(1) }).safeParse({
    email,
    password: form.get("password"),
  });
  if (!parsed.success) return { ok: false, code: "invalid_input", email };
  try {
    const redirectTo: string = await signIn("password", {
      email,
      password: parsed.data.password,
      totp: String(form.get("totp") ?? ""),
      redirectTo: safeNext(form.get("next"), "/ufficio"),
      redirect: false,
    });
    if (redirectTo.includes("error=")) return { ok: false, code: "invalid_credentials", email };
    return { ok: true, redirectTo };
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      if (code === "totp_required") return { ok: false, code: "totp_required", email, needTotp: true };
      if (code === "locked" || code === "rate_limited") return { ok: false, code, email };
      return { ok: false, code: "invalid_credentials", email };
    }
    throw error;
  }
}

/** Emails a one-time sign-in link for this comune (citizens and staff). Never reveals whether the email exists. */
export async function sendSignInLink(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "").trim();
  if (!z.string().email().safeParse(email).success) return { ok: false, code: "invalid_email", email };
  const h = await headers();
  const tenant = await tenantForHost(requestHost(h));
  if (!tenant) return { ok: false, code: "invalid_email", email };
  try {
    await requestMagicLink(tenant, email, clientIp(h), safeNext(form.get("next"), "/"));
  } catch (error) {
    if (error instanceof RateLimitedError) return { ok: false, code: "rate_limited", email };
    throw error;
  }
  return { ok: true, sent: true, email };
}

/** Completes an emailed link on an explicit click (link scanners only GET). */
export async function signInWithLink(_prev: SignInState, form: FormData): Promise<SignInState> {
  try {
    const redirectTo: string = await signIn("magic-link", {
      email: String(form.get("email") ?? ""),
      token: String(form.get("token") ?? ""),
      redirectTo: safeNext(form.get("next"), "/"),
      redirect: false,
    });
    if (redirectTo.includes("error=")) return { ok: false, code: "link_invalid" };
    return { ok: true, redirectTo };
  } catch (error) {
    if (error instanceof AuthError) return { ok: false, code: "link_invalid" };
    throw error;
  }
}

/**
 * Ends the session and lands on this host's sign-in page with a notice. Not "/": a server-action redirect to
 * "/" is rendered without the proxy's host rewrite and shows the product site instead of the comune's
 * (caught by tests/e2e/staff-accounts.spec.ts); /accedi exists on every comune and on the console.
 */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/accedi?uscito=1" });
}

/** "Password dimenticata": same answer whether or not the address belongs to staff of this comune. */
export async function requestResetAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "").trim();
  if (!z.string().email().safeParse(email).success) return { ok: false, code: "invalid_email", email };
  try {
    const { tenant, ip } = await requestTenant();
    await requestPasswordReset(tenant, email, ip);
  } catch (error) {
    if (error instanceof RateLimitedError) return { ok: false, code: "rate_limited", email };
    throw error;
  }
  return { ok: true, sent: true, email };
}

/** Sets a new password from the emailed link, then sends the person to sign in with it. */
export async function resetPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form);
  try {
    const { tenant } = await requestTenant();
    await resetPassword(tenant.id, values.email ?? "", values.token ?? "", values.password ?? "");
  } catch (error) {
    return toFormState(error, { ...values, password: "" });
  }
  redirect("/accedi?reset=1");
}

/** Accepts a staff invitation (token from the emailed link) and sends the person to sign in. */
export async function acceptInvitationAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form);
  try {
    const { tenant, ip } = await requestTenant();
    await acceptInvitation({ tenant, ip, input: { token: values.token ?? "", name: values.name, password: values.password } });
  } catch (error) {
    return toFormState(error, { ...values, password: "" });
  }
  redirect("/accedi?invited=1&next=/ufficio/profilo");
}
