import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TotpEnrolment } from "@/components/vendor/totp-enrolment";
import { getVendorActor } from "@/lib/auth/session";
import { newTotpSecret } from "@/lib/auth/totp";

/** Mandatory second factor: vendor staff without TOTP see only this page until they enrol. */
export default async function MfaPage() {
  const actor = await getVendorActor();
  if (!actor) redirect("/accedi");
  if (actor.mfa) redirect("/");
  const t = await getTranslations("vendor");
  const secret = newTotpSecret();
  const uri = `otpauth://totp/Piazza:${encodeURIComponent(actor.email)}?secret=${secret}&issuer=Piazza`;
  return (
    <main id="main" className="mx-auto max-w-xl space-y-4 p-4 pb-16">
      <h1 className="pt-4 text-3xl font-bold">{t("mfaTitle")}</h1>
      <p>{t("mfaBody")}</p>
      <p className="break-all rounded bg-white p-3 font-mono" data-testid="totp-secret">{secret}</p>
      <p className="break-all text-sm">{uri}</p>
      <TotpEnrolment secret={secret} />
    </main>
  );
}
