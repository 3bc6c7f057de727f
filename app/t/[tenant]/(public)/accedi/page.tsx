import { getTranslations } from "next-intl/server";
import { SignInForms } from "@/components/auth/sign-in-forms";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const t = await getTranslations("auth");
  const target = next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
  return (
    <main id="main" className="mx-auto max-w-4xl space-y-6 p-4 pb-16">
      <h1 className="pt-4 text-3xl font-bold">{t("title")}</h1>
      <SignInForms next={target} />
    </main>
  );
}
