import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TenantHeader } from "@/components/layout/tenant-header";
import { getTenant, isServiceSuspended } from "@/lib/tenancy/get-tenant";

type Props = { children: React.ReactNode; params: Promise<{ tenant: string }> };

/** Every comune page passes here: the tenant is loaded once from the host-derived segment, failing closed. */
export default async function TenantLayout({ children, params }: Props) {
  const tenant = await getTenant((await params).tenant);
  if (!tenant) notFound();
  if (isServiceSuspended(tenant)) {
    const t = await getTranslations("suspended");
    return (
      <div style={{ "--tenant-color": tenant.primaryColor } as React.CSSProperties}>
        <TenantHeader tenant={tenant} />
        <main id="main" className="mx-auto max-w-3xl space-y-4 p-6">
          <h1 className="text-3xl font-bold">{t("title")}</h1>
          <p className="text-lg" role="status">
            {tenant.status === "cancelled" ? t("cancelled", { name: tenant.name }) : t("body", { name: tenant.name })}
          </p>
        </main>
      </div>
    );
  }
  return (
    <div style={{ "--tenant-color": tenant.primaryColor } as React.CSSProperties}>
      <TenantHeader tenant={tenant} />
      {children}
    </div>
  );
}
