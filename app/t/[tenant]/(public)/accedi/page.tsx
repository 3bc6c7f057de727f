import { getTranslations } from "next-intl/server";
import { SignInForms } from "@/components/auth/sign-in-forms";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("title") };
}

type Search = { next?: string; reset?: string; invited?: string; mfa?: string; uscito?: string };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { next, reset, invited, mfa, uscito } = await searchParams;
  const notice = reset ? "notices.reset" : invited ? "notices.invited" : mfa ? "notices.mfa" : uscito ? "notices.signedOut" : null;
  const t = await getTranslations("auth");
  const target = next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
  return (
    <main id="main" className="mx-auto max-w-4xl space-y-6 p-4 pb-16">
      <h1 className="pt-4 text-3xl font-bold">{t("title")}</h1>
      {notice ? (
        <p role="status" className="rounded bg-blue-50 p-3 font-semibold text-ink">
          {t(notice as "notices.reset")}
        </p>
      ) : null}
      <SignInForms next={target} />
    </main>
  );
}
