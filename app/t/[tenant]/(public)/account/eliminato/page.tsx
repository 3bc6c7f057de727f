import { getTranslations } from "next-intl/server";

export default async function AccountDeletedPage() {
  const t = await getTranslations("account");
  return (
    <main id="main" className="mx-auto max-w-3xl space-y-4 p-4 pb-16">
      <h1 className="pt-4 text-3xl font-bold">{t("deletedTitle")}</h1>
      <p role="status">{t("deletedBody")}</p>
    </main>
  );
}
