import { getTranslations } from "next-intl/server";
import QRCode from "qrcode";
import { DisableTotpForm, EnableTotpForm } from "@/components/auth/profile-forms";
import { hasTotp } from "@/lib/auth/profile";
import { staffPage } from "@/lib/auth/staff-page";
import { newTotpSecret, otpauthUri } from "@/lib/auth/totp";

export async function generateMetadata() {
  return { title: (await getTranslations("auth.profile"))("totpTitle") };
}

/**
 * Second-factor enrolment: a fresh secret each visit (nothing is stored until a code proves the app has
 * it), shown as a QR code rendered to SVG on the server, as text, and as the otpauth URI.
 */
export default async function TotpPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant, actor } = await staffPage(params);
  const t = await getTranslations("auth.profile");
  const enrolled = await hasTotp(actor.userId);
  const mandatory = Boolean(tenant.settings?.mfaRequired);
  if (enrolled) {
    return (
      <main id="main" className="mx-auto max-w-3xl space-y-6 p-4 pb-16">
        <h1 className="pt-4 text-3xl font-bold">{t("totpTitle")}</h1>
        <p>{t("totpOn")}</p>
        {mandatory ? <p>{t("totpMandatoryKeep")}</p> : <DisableTotpForm />}
      </main>
    );
  }
  const secret = newTotpSecret();
  const uri = otpauthUri(secret, actor.email, `Piazza ${tenant.name}`);
  const svg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return (
    <main id="main" className="mx-auto max-w-3xl space-y-6 p-4 pb-16">
      <h1 className="pt-4 text-3xl font-bold">{t("totpTitle")}</h1>
      {mandatory ? (
        <p role="status" className="rounded bg-amber-50 p-3 font-semibold text-ink">
          {t("totpRequired", { name: tenant.name })}
        </p>
      ) : null}
      <ol className="list-decimal space-y-4 pl-6">
        <li>
          <p>{t("step1")}</p>
          <div role="img" aria-label={t("qrAlt")} className="mt-2 h-56 w-56 bg-white p-2" dangerouslySetInnerHTML={{ __html: svg }} />
        </li>
        <li>
          <p>{t("step2")}</p>
          <p className="mt-1">
            <code data-testid="totp-secret" className="rounded bg-white px-2 py-1 text-lg tracking-wider break-all">
              {secret}
            </code>
          </p>
          <details className="mt-2">
            <summary className="cursor-pointer">{t("uri")}</summary>
            <code className="break-all text-sm">{uri}</code>
          </details>
        </li>
        <li>
          <p>{t("step3")}</p>
          <EnableTotpForm secret={secret} />
        </li>
      </ol>
    </main>
  );
}
