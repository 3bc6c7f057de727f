import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SetupProgress, SetupStep } from "@/lib/onboarding/setup-progress";

/**
 * The wizard's progress: every step is a link (steps can be taken in any order and resumed), the current
 * one carries aria-current="step", and each says in words whether it is done, skipped or still to do.
 */
export async function SetupNav({ progress, current }: { progress: SetupProgress; current: SetupStep }) {
  const t = await getTranslations("welcome");
  const doneCount = progress.steps.filter((s) => s.key !== "done" && s.state === "done").length;
  const total = progress.steps.length - 1;
  return (
    <nav aria-label={t("progressLabel")}>
      <p className="mb-2 text-sm font-semibold" id="setup-progress-count">
        {t("progressCount", { done: doneCount, total })}
      </p>
      <div className="mb-3 h-2 w-full rounded bg-gray-300" aria-hidden="true">
        <div className="h-2 rounded bg-brand" style={{ width: `${Math.round((doneCount / total) * 100)}%` }} />
      </div>
      <ol className="grid gap-2 sm:grid-cols-5">
        {progress.steps.map((s, i) => {
          const isCurrent = s.key === current;
          const mark = s.state === "done" ? "✓" : s.state === "skipped" ? "–" : String(i + 1);
          return (
            <li key={s.key}>
              <Link
                href={`/ufficio/benvenuto?passo=${s.key}`}
                aria-current={isCurrent ? "step" : undefined}
                className={`flex min-h-11 items-center gap-2 rounded border px-3 py-2 ${isCurrent ? "border-brand bg-white font-semibold" : "border-gray-400 bg-white/70"}`}
              >
                <span aria-hidden="true" className={`inline-flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-sm ${s.state === "done" ? "bg-green-800 text-white" : "border border-gray-600"}`}>
                  {mark}
                </span>
                <span>
                  {t(`steps.${s.key}`)}
                  <span className="block text-xs font-normal text-muted">{t(`states.${s.state}`)}</span>
                </span>
              </Link>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
