import { getTranslations } from "next-intl/server";
import { LinkSignIn } from "@/components/auth/link-sign-in";

export default async function LinkPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string; email?: string; next?: string }>;
}) {
  const { token = "", email = "", next = "/" } = await searchParams;
  const t = await getTranslations("auth");
  return (
    <main id="main" className="mx-auto max-w-xl space-y-6 p-4 pb-16">
      <h1 className="pt-4 text-3xl font-bold">{t("title")}</h1>
      <LinkSignIn email={email} token={token} next={next.startsWith("/") && !next.startsWith("//") ? next : "/"} />
    </main>
  );
}
