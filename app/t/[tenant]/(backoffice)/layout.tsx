import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ServiceBanners } from "@/components/backoffice/service-banners";
import { StaffHeader } from "@/components/backoffice/staff-header";
import { requireStaff } from "@/lib/auth/session";
import { getTenant } from "@/lib/tenancy/get-tenant";

type Props = { children: React.ReactNode; params: Promise<{ tenant: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations("backoffice"))("title"), robots: { index: false, follow: false } };
}

/**
 * Every back-office page passes here: the comune from the host-derived segment (failing closed), then a
 * staff member of THIS comune (a session minted on another comune's host counts as none → sign-in).
 */
export default async function BackofficeLayout({ children, params }: Props) {
  const tenant = await getTenant((await params).tenant);
  if (!tenant) notFound();
  const actor = await requireStaff(tenant);
  return (
    <div style={{ "--tenant-color": tenant.primaryColor } as React.CSSProperties}>
      <ServiceBanners tenant={tenant} actor={actor} />
      <StaffHeader tenant={tenant} actor={actor} />
      {children}
    </div>
  );
}
