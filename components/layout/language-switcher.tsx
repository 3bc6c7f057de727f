import { getLocale, getTranslations } from "next-intl/server";
import { setLocale } from "@/app/actions/locale";

export async function LanguageSwitcher({ className = "" }: { className?: string }) {
  const locale = await getLocale();
  const t = await getTranslations("common");
  const other = locale === "it" ? "en" : "it";
  return (
    <form action={setLocale} className={className}>
      <input type="hidden" name="locale" value={other} />
      <button
        type="submit"
        lang={other}
        className="rounded border border-current px-2 py-1 text-sm underline-offset-2 hover:underline"
        aria-label={`${t("language")}: ${t("switchTo")}`}
      >
        {t("switchTo")}
      </button>
    </form>
  );
}
