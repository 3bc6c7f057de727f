import { getTranslations } from "next-intl/server";
import { AreaEditor } from "@/components/onboarding/area-editor";
import { BrandingForm } from "@/components/onboarding/branding-form";
import { SetupNav } from "@/components/onboarding/setup-nav";
import { StepFooter } from "@/components/onboarding/step-footer";
import { CategoriesEditor } from "@/components/settings/categories-editor";
import { OfficesEditor } from "@/components/settings/offices-editor";
import { StaffEditor } from "@/components/settings/staff-editor";
import { can } from "@/lib/auth/permissions";
import { staffPage } from "@/lib/auth/staff-page";
import { listConfig } from "@/lib/config/list-config";
import type { Ctx, StaffActor } from "@/lib/context";
import { mapConfig } from "@/lib/maps/config";
import { findComune } from "@/lib/onboarding/comuni";
import { SETUP_STEPS, setupProgress, type SetupStep } from "@/lib/onboarding/setup-progress";
import { listStaff } from "@/lib/staff/list-staff";
import type { Tenant } from "@/lib/tenancy/get-tenant";
import { tenantBaseUrl } from "@/lib/tenancy/urls";

export async function generateMetadata() {
  return { title: (await getTranslations("welcome"))("title") };
}

const isStep = (v: unknown): v is SetupStep => typeof v === "string" && (SETUP_STEPS as readonly string[]).includes(v);

/**
 * Setup wizard after onboarding (?passo=<step>): emblem and colour, offices and categories, colleagues, map
 * area, done. Each step saves through the same verbs as the settings pages (permission checks, audit);
 * "Continue" and "Skip" record the progress in the comune's settings, so the admin resumes where they left.
 * The public site is live from the start: nothing here is required.
 */
export default async function WelcomePage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ passo?: string; errore?: string }>;
}) {
  const { tenant, actor, ctx } = await staffPage(params, "config.write");
  const { passo, errore } = await searchParams;
  const t = await getTranslations("welcome");
  const progress = setupProgress(tenant.settings);
  const step = isStep(passo) ? passo : progress.resumeAt;
  const n = SETUP_STEPS.indexOf(step) + 1;
  const error = errore ? (t.has(`errors.${errore}` as never) ? t(`errors.${errore}` as never) : t("errors.unexpected")) : null;
  return (
    <main id="main" className="mx-auto max-w-4xl space-y-6 p-4 pb-16">
      <header className="pt-4">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="mt-2 text-lg">{t("intro", { name: tenant.name })}</p>
        <p className="mt-2">
          {t("live")}{" "}
          <a href={`${tenantBaseUrl(tenant.slug)}/`} className="font-semibold text-blue-800 underline">
            {tenantBaseUrl(tenant.slug)}
          </a>
        </p>
      </header>
      <SetupNav progress={progress} current={step} />
      <section aria-labelledby="step-title" className="space-y-4 rounded-lg bg-white p-4 shadow-sm sm:p-6">
        <h2 id="step-title" className="text-2xl font-semibold">
          <span className="block text-base font-normal text-muted">{t("stepOf", { n, total: SETUP_STEPS.length })}</span>
          {t(`steps.${step}`)}
        </h2>
        {error ? (
          <p role="alert" className="rounded bg-red-50 p-2 font-semibold text-red-800">
            {error}
          </p>
        ) : null}
        <StepBody step={step} tenant={tenant} actor={actor} ctx={ctx} />
        <StepFooter step={step} />
      </section>
    </main>
  );
}

async function StepBody({ step, tenant, actor, ctx }: { step: SetupStep; tenant: Tenant; actor: StaffActor; ctx: Ctx }) {
  const t = await getTranslations("welcome");
  if (step === "branding") {
    return (
      <>
        <p>{t("brandingBody")}</p>
        <BrandingForm primaryColor={tenant.primaryColor} emblemUrl={tenant.emblemUrl} />
      </>
    );
  }
  if (step === "offices") {
    const lists = await listConfig({ ctx });
    const offices = lists.offices.map((o) => ({ value: o.id, label: o.name }));
    const organisations = lists.organisations.map((o) => ({ value: o.id, label: o.name }));
    return (
      <>
        <p>{t("officesBody")}</p>
        <h3 className="text-xl font-semibold">{t("officesHeading")}</h3>
        <OfficesEditor offices={lists.offices} />
        <h3 className="text-xl font-semibold">{t("categoriesHeading")}</h3>
        <p>{t("categoriesBody")}</p>
        <CategoriesEditor tree={lists.categories} offices={offices} organisations={organisations} />
      </>
    );
  }
  if (step === "staff") {
    if (!can(actor.role, "staff.manage")) return <p>{t("staffNotAllowed")}</p>;
    const [list, lists] = [await listStaff({ ctx }), await listConfig({ ctx })];
    return (
      <>
        <p>{t("staffBody")}</p>
        <StaffEditor
          list={list}
          selfId={actor.userId}
          offices={lists.offices.map((o) => ({ value: o.id, label: o.name }))}
          organisations={lists.organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
      </>
    );
  }
  if (step === "area") {
    const approx = tenant.istatCode ? findComune(tenant.istatCode)?.centreApprox : false;
    return (
      <>
        <p>{t("areaBody")}</p>
        {tenant.settings?.areaProvisional ? (
          <p className="rounded border-l-4 border-amber-700 bg-amber-50 p-3">{approx ? t("area.approxCentre") : t("area.provisional")}</p>
        ) : null}
        <AreaEditor map={mapConfig()} boundary={tenant.boundary ?? null} centre={{ lat: tenant.centreLat, lng: tenant.centreLng }} />
      </>
    );
  }
  const progress = setupProgress(tenant.settings);
  const pending = progress.steps.filter((s) => s.key !== "done" && s.state !== "done");
  return (
    <>
      <p>{t("doneBody", { name: tenant.name })}</p>
      {pending.length ? (
        <p>
          {t("donePending")}{" "}
          {pending.map((s, i) => (
            <span key={s.key}>
              {i ? ", " : ""}
              <a href={`/ufficio/benvenuto?passo=${s.key}`} className="font-semibold text-blue-800 underline">
                {t(`steps.${s.key}`)}
              </a>
            </span>
          ))}
        </p>
      ) : null}
      <ul className="flex flex-wrap gap-4">
        <li>
          <a href={`${tenantBaseUrl(tenant.slug)}/`} className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline">
            {t("publicSiteLink")}
          </a>
        </li>
        <li>
          <a href="/ufficio" className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline">
            {t("inboxLink")}
          </a>
        </li>
        <li>
          <a href="/ufficio/abbonamento" className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline">
            {t("billingLink")}
          </a>
        </li>
      </ul>
    </>
  );
}
