import { getTranslations } from "next-intl/server";
import { VendorSignIn } from "@/components/vendor/vendor-sign-in";

export async function generateMetadata() {
  return { title: (await getTranslations("vendor"))("signInTitle") };
}

/** Console sign-in: email, password and the mandatory authenticator code. */
export default async function VendorSignInPage() {
  const t = await getTranslations("vendor");
  return (
    <main id="main" className="mx-auto max-w-md space-y-6 p-4 pb-16">
      <h1 className="pt-4 text-3xl font-bold">{t("signInTitle")}</h1>
      <VendorSignIn />
    </main>
  );
}
