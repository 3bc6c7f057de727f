import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { setupStepAction } from "@/app/t/[tenant]/(backoffice)/ufficio/benvenuto/actions";
import { SETUP_STEPS, type SetupStep } from "@/lib/onboarding/setup-progress";

/** Back / Skip / Continue of a wizard step: a plain form post, so it works before JavaScript loads. */
export async function StepFooter({ step }: { step: SetupStep }) {
  const t = await getTranslations("welcome");
  const previous = SETUP_STEPS[SETUP_STEPS.indexOf(step) - 1];
  const last = step === "done";
  return (
    <form action={setupStepAction} className="flex flex-wrap items-center gap-3 border-t border-gray-300 pt-4">
      <input type="hidden" name="step" value={step} />
      {previous ? (
        <Link href={`/ufficio/benvenuto?passo=${previous}`} className="inline-flex min-h-11 items-center px-2 font-semibold text-blue-800 underline">
          {t("back")}
        </Link>
      ) : null}
      <span className="grow" />
      {last ? null : (
        <button type="submit" name="outcome" value="skipped" className="inline-flex min-h-11 items-center rounded border border-gray-600 bg-white px-4 py-2 font-semibold">
          {t("skip")}
        </button>
      )}
      <button type="submit" name="outcome" value="done" className="inline-flex min-h-11 items-center rounded bg-brand px-5 py-2 font-semibold text-white">
        {last ? t("finish") : t("continue")}
      </button>
    </form>
  );
}
